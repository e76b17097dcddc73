package dev.sessionbroker.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one account every emulator accepts.
 *
 * @param username the accepted login name
 * @param password the accepted password
 * @param clientId the accepted AppViewX service account's client ID
 * @param clientSecret the accepted AppViewX service account's client secret
 * @param tokenLifetime how long an AppViewX service token lasts (its exp claim)
 */
@ConfigurationProperties("demo.account")
public record DemoAccount(@DefaultValue("demo@example.com") String username,
        @DefaultValue("demo-password") String password, @DefaultValue("demo-client") String clientId,
        @DefaultValue("demo-client-secret") String clientSecret, @DefaultValue("15m") Duration tokenLifetime) {

    boolean matches(String username, String password) {
        return this.username.equals(username) && this.password.equals(password);
    }

    boolean matchesClient(String clientId, String clientSecret) {
        return this.clientId.equals(clientId) && this.clientSecret.equals(clientSecret);
    }

    @Override
    public String toString() {
        return "DemoAccount[username=" + this.username + ", password=******, clientId=" + this.clientId
                + ", clientSecret=******]";
    }
}
