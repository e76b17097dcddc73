package dev.sessionbroker.adapter.alertsite;

import org.springframework.http.MediaType;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorAnswer;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorHttp;
import tools.jackson.databind.JsonNode;

/**
 * AlertSite: {@code POST {base}/login} with {@code {"login","password"}}. AlertSite reports
 * a refused login inside a 200 answer, so success is {@code metadata.status == "0"} and
 * nothing else (see src/test/resources/vendor-docs/alertsite/).
 */
public final class AlertSiteClient implements VendorClient {

    private static final String SUCCESS = "0";

    private final VendorSettings vendor;

    private final VendorHttp http;

    public AlertSiteClient(VendorSettings vendor, VendorHttp http) {
        this.vendor = vendor;
        this.http = http;
    }

    @Override
    public LoginResult login() {
        VendorAnswer answer = this.http.send(this.http.restClient()
            .post()
            .uri("/login")
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .body(new LoginRequest(this.vendor.username(), this.vendor.password().reveal())));
        JsonNode metadata = this.http.json(answer).path("metadata");
        String status = metadata.path("status").asString("");
        if (status.isEmpty()) {
            throw this.http.unusable("answer has no metadata.status (" + answer.describe() + ")");
        }
        if (!SUCCESS.equals(status)) {
            String message = metadata.path("message").asString(null);
            throw new LoginFailure.Rejected(this.vendor.name(), status, this.http.vendorText(message));
        }
        String session = metadata.path("session").asString("");
        if (session.isBlank()) {
            throw this.http.unusable("answer has status 0 but no metadata.session (" + answer.describe() + ")");
        }
        return new LoginResult(session);
    }

    /** The documented request body; {@code toString()} masks the password. */
    record LoginRequest(String login, String password) {

        @Override
        public String toString() {
            return "LoginRequest[login=" + this.login + ", password=******]";
        }
    }
}
