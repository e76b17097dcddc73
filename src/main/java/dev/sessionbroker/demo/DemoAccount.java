package dev.sessionbroker.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one account every emulator accepts.
 *
 * @param username the accepted login name
 * @param password the accepted password
 */
@ConfigurationProperties("demo.account")
public record DemoAccount(@DefaultValue("demo@example.com") String username,
        @DefaultValue("demo-password") String password) {

    boolean matches(String username, String password) {
        return this.username.equals(username) && this.password.equals(password);
    }

    @Override
    public String toString() {
        return "DemoAccount[username=" + this.username + ", password=******]";
    }
}
