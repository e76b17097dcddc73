package dev.sessionbroker.adapter.appviewx;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.OneTimePasswordLogin;
import dev.sessionbroker.adapter.VendorAnswer;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorHttp;
import tools.jackson.databind.JsonNode;

/**
 * AppViewX: {@code POST {base}/login?gwsource=external} with the credentials in the
 * {@code username} and {@code password} headers and an empty JSON body
 * (src/test/resources/vendor-docs/appviewx/). Success is {@code response.status == "SUCCESS"}; a
 * refusal carries an {@code appStatusCode} (ACCT_AUTH_001, ACC_AUTH_022, ACC_AUTH_006) or
 * {@code response.status == "FAILURE"}. AppViewX locks accounts after failed logins, so a
 * refusal reports the attempts left, and an account with MFA is reported as exactly that.
 */
public final class AppViewXClient implements VendorClient, OneTimePasswordLogin {

    private static final String SUCCESS = "SUCCESS";

    /** The docs' MFA answer: "MFA is enabled. We have sent an OTP to your email ID: …". */
    private static final String MFA_MARKER = "mfa is enabled";

    private final VendorSettings vendor;

    private final VendorHttp http;

    public AppViewXClient(VendorSettings vendor, VendorHttp http) {
        this.vendor = vendor;
        this.http = http;
    }

    @Override
    public LoginResult login() {
        return logIn(null);
    }

    @Override
    public LoginResult login(Secret otp) {
        return logIn(otp);
    }

    private LoginResult logIn(@Nullable Secret otp) {
        AppViewXOptions options = this.vendor.options(AppViewXOptions.class);
        Secret gatewayKey = options.gatewayKey();
        VendorAnswer answer = this.http.send(this.http.restClient()
            .post()
            .uri((uri) -> {
                uri.path("/login").queryParam("gwsource", options.gatewaySource());
                // Multi-tenant installations route every call, the login included, by gwkey.
                return (gatewayKey != null) ? uri.queryParam("gwkey", "{gwkey}").build(gatewayKey.reveal())
                        : uri.build();
            })
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .headers((headers) -> {
                headers.set("username", this.vendor.username());
                headers.set("password", this.vendor.password().reveal());
                if (otp != null) {
                    headers.set("otp", otp.reveal());
                }
            })
            .body("{}"));
        JsonNode json = this.http.json(answer);
        JsonNode response = json.path("response");
        String status = response.path("status").asString("");
        if (SUCCESS.equals(status)) {
            String session = response.path("sessionId").asString("");
            if (session.isBlank()) {
                throw this.http.unusable("answer has status SUCCESS but no response.sessionId (" + answer.describe() + ")");
            }
            return new LoginResult(session);
        }
        String appStatusCode = firstText(json.path("appStatusCode"), response.path("appStatusCode"));
        String message = firstText(json.path("message"), response.path("statusDescription"));
        if (isMfaRequired(message)) {
            throw new LoginFailure.Rejected(this.vendor.name(), (appStatusCode != null) ? appStatusCode : "MFA_REQUIRED",
                    "MFA required: the account has multi-factor authentication enabled and the login needs a "
                            + "one-time password (otp); use a service account without MFA. Vendor said: "
                            + this.http.vendorText(message), true);
        }
        if (appStatusCode == null && !"FAILURE".equals(status)) {
            throw this.http.unusable("answer has neither response.status SUCCESS/FAILURE nor appStatusCode ("
                    + answer.describe() + ")");
        }
        throw new LoginFailure.Rejected(this.vendor.name(), (appStatusCode != null) ? appStatusCode : status,
                withLockout(this.http.vendorText(message), json, response));
    }

    private static boolean isMfaRequired(@Nullable String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(MFA_MARKER);
    }

    /** Tells the operator how close the account is to being locked, where AppViewX says. */
    private static @Nullable String withLockout(@Nullable String message, JsonNode json, JsonNode response) {
        StringBuilder lockout = new StringBuilder();
        for (String field : new String[] { "availableLoginAttemptCount", "lockDownPeriod" }) {
            String value = firstText(response.path(field), json.path(field));
            if (value != null) {
                lockout.append((lockout.length() > 0) ? ", " : "").append(field).append('=').append(value);
            }
        }
        if (lockout.length() == 0) {
            return message;
        }
        return ((message != null) ? message + " " : "") + "(" + lockout + ")";
    }

    static @Nullable String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isValueNode() && !node.isNull()) {
                String text = node.asString("");
                if (!text.isBlank()) {
                    return text.trim();
                }
            }
        }
        return null;
    }
}
