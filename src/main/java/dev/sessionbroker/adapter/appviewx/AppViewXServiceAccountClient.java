package dev.sessionbroker.adapter.appviewx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorAnswer;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorHttp;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.appviewx.AppViewXOptions.TokenRequest;
import dev.sessionbroker.config.Secret;
import tools.jackson.databind.JsonNode;

/**
 * An AppViewX service account: {@code POST {base}/acctmgmt-get-service-token?gwsource=…} with
 * {@code Authorization: Basic base64(<client id>:<client secret>)} and
 * {@code grant_type=client_credentials} (AppViewX, "Retrieve Access Token using
 * get-service-token API", 2026.1; older releases as {@link TokenRequest} lists). The answer's
 * {@code response} is the token, a JWT; a refusal is HTTP 400 with an {@code appStatusCode}
 * (ACCT_SA_003 service account not found, OAUTH_CLNT_015 wrong secret, ACCT_SA_001 invalid
 * client ID or secret), which is a rejected login: never retried, and a cool-down.
 */
final class AppViewXServiceAccountClient implements VendorClient {

    static final String PATH = "/acctmgmt-get-service-token";

    private static final String FORM = "grant_type=client_credentials";

    private static final String JSON = "{\"payload\":{\"grant_type\":\"client_credentials\"}}";

    private final VendorSettings vendor;

    private final VendorHttp http;

    AppViewXServiceAccountClient(VendorSettings vendor, VendorHttp http) {
        this.vendor = vendor;
        this.http = http;
    }

    @Override
    public LoginResult login() {
        AppViewXOptions options = this.vendor.options(AppViewXOptions.class);
        String clientId = String.valueOf(options.clientId());
        Secret clientSecret = (options.clientSecret() != null) ? options.clientSecret() : Secret.of("");
        Secret gatewayKey = options.gatewayKey();
        TokenRequest style = options.tokenRequest();
        RestClient.RequestBodySpec request = this.http.restClient()
            .post()
            .uri((uri) -> {
                uri.path(PATH).queryParam("gwsource", options.gatewaySource());
                return (gatewayKey != null) ? uri.queryParam("gwkey", "{gwkey}").build(gatewayKey.reveal()) : uri.build();
            })
            .accept(MediaType.APPLICATION_JSON)
            .headers((headers) -> credentials(headers, style, clientId, clientSecret));
        VendorAnswer answer = this.http.send((style == TokenRequest.BASIC_JSON)
                ? request.contentType(MediaType.APPLICATION_JSON).body(JSON)
                : request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(FORM));
        JsonNode json = this.http.json(answer);
        String appStatusCode = AppViewXClient.firstText(json.path("appStatusCode"));
        String message = AppViewXClient.firstText(json.path("message"));
        if (answer.isSuccessful() && appStatusCode == null) {
            return new LoginResult(token(json, answer));
        }
        if (appStatusCode != null || answer.status() == 401 || answer.status() == 403) {
            throw new LoginFailure.Rejected(this.vendor.name(),
                    (appStatusCode != null) ? appStatusCode : "HTTP " + answer.status(), this.http.vendorText(message));
        }
        throw this.http.unusable("token request answered without a token or an appStatusCode ("
                + answer.describe() + ")");
    }

    private static void credentials(HttpHeaders headers, TokenRequest style, String clientId, Secret clientSecret) {
        if (style == TokenRequest.HEADERS_FORM) {
            headers.set("client_id", clientId);
            headers.set("client_secret", clientSecret.reveal());
        }
        else {
            headers.setBasicAuth(clientId, clientSecret.reveal(), StandardCharsets.UTF_8);
        }
    }

    /** The token, which must be a JWT with an {@code exp}: it decides when to fetch the next. */
    private String token(JsonNode json, VendorAnswer answer) {
        JsonNode response = json.path("response");
        String token = response.isString() ? response.asString("").trim() : "";
        if (token.isEmpty()) {
            throw this.http.unusable("answer has no token in response (" + answer.describe() + ")");
        }
        Instant expiry = ServiceToken.expiry(token);
        if (expiry == null) {
            throw this.http.unusable("the token is not a JWT with an exp claim (" + answer.describe() + ")");
        }
        return token;
    }

    @Override
    public String toString() {
        return "AppViewXServiceAccountClient[vendor=" + this.vendor.name() + "]";
    }

}
