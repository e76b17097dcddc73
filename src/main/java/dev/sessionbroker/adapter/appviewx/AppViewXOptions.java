package dev.sessionbroker.adapter.appviewx;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.sessionbroker.adapter.CredentialOptions;
import dev.sessionbroker.config.Secret;

/**
 * The settings of an AppViewX vendor (broker.vendors.<name>.appviewx.*; the
 * * of the annotation, which only feeds the IDE metadata, is the vendor's name). A
 * vendor logs in either as a user (username and password) or as a service
 * account (client-id and client-secret), never both.
 *
 * @param gatewaySource the gwsource query parameter of the login
 * @param gatewayKey the gwkey tenant key of multi-tenant installations, sent as a
 * query parameter on the login and on every proxied call; rotates like a password
 * @param clientId a service account's client ID: the broker then fetches a token with
 * acctmgmt-get-service-token instead of logging in with a user's password
 * @param clientSecret the service account's client secret; never logged or shown, rotates
 * like a password
 * @param tokenRequest how a service account asks for its token, as the installation's
 * release expects: basic-form (Basic authorization, form body; current releases),
 * basic-json (Basic authorization, JSON body; 2020.3) or headers-form (client_id and
 * client_secret headers, form body; 2021.1)
 */
@ConfigurationProperties("broker.vendors.*.appviewx")
public record AppViewXOptions(
        @DefaultValue("external") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
                message = "is not a gateway source: use letters, digits, '-' or '_' (e.g. external)") String gatewaySource,
        @Nullable Secret gatewayKey,
        @Nullable @Pattern(regexp = "[^\\s\\p{Cc}:]{1,200}",
                message = "is not a client ID: up to 200 characters without spaces, control characters or ':'") String clientId,
        @Nullable Secret clientSecret,
        @DefaultValue("basic-form") TokenRequest tokenRequest) implements CredentialOptions {

    /** How a service account's token request carries the client credentials. */
    public enum TokenRequest {

        /** Authorization: Basic, body grant_type=client_credentials. */
        BASIC_FORM,

        /** Authorization: Basic, body {@code {"payload":{"grant_type":"client_credentials"}}}. */
        BASIC_JSON,

        /** client_id and client_secret headers, body grant_type=client_credentials. */
        HEADERS_FORM

    }

    /** Whether this vendor logs in as a service account. */
    public boolean isServiceAccount() {
        return this.clientId != null || this.clientSecret != null;
    }

    /** With the gateway key alone, the same values as before service accounts existed. */
    @Override
    public List<String> credentialValues() {
        List<String> values = new ArrayList<>();
        if (this.gatewayKey != null) {
            values.add(this.gatewayKey.reveal());
        }
        if (this.clientId != null) {
            values.add("client-id:" + this.clientId);
        }
        if (this.clientSecret != null) {
            values.add(this.clientSecret.reveal());
        }
        return values;
    }
}
