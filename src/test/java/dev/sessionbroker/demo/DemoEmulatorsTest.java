package dev.sessionbroker.demo;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessionbroker.support.DemoBrokerFixture;
import dev.sessionbroker.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile end to end: the broker logs in to its own emulators over real HTTP, as
 * {@code curl localhost:8080/sessions/<vendor>} does on a fresh clone.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoEmulatorsTest extends DemoBrokerFixture {

    @ParameterizedTest
    @ValueSource(strings = { "alertsite", "infiniteblue", "revulytics", "appviewx" })
    void eachDemoVendorHandsOutASession(String vendor) {
        HttpResponse<String> response = this.http.get("/sessions/" + vendor);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"vendor\":\"" + vendor + "\"").containsPattern("\"sessionId\":\"[^\"]+\"");
    }

    @Test
    void revulyticsWithCookiesHandsOutTheSessionCookie() {
        HttpResponse<String> response = this.http.get("/sessions/revulytics-cookies", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("sessionId=[0-9a-f]{22}");
    }

    @Test
    void appViewXWithMfaIsReportedAsMfaRequired() {
        HttpResponse<String> response = this.http.get("/sessions/appviewx-mfa");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("MFA required").doesNotContain("demo-password");
    }

    @Test
    void infiniteBlueWithAWrongPasswordIsARejectedLogin() {
        HttpResponse<String> response = this.http.get("/sessions/infiniteblue-wrong");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("Invalid login name or password").doesNotContain("not-the-password");
    }

    @Test
    void passwordsNeverReachTheLogOrTheAnswer(CapturedOutput output) {
        HttpResponse<String> response = this.http.get("/sessions/appviewx-wrong");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("ACC_AUTH_022").doesNotContain("wrong-Pa55word");
        assertThat(output.getAll()).contains("appviewx-wrong").doesNotContain("wrong-Pa55word")
            .doesNotContain("demo-password");
    }

    @ParameterizedTest
    @ValueSource(strings = { "appviewx-service", "appviewx-service-old" })
    void anAppViewXServiceAccountGetsATokenThatTheSampleTakesInTheTokenHeader(String vendor) {
        HttpResponse<String> token = this.http.get("/sessions/" + vendor, "text/plain");
        HttpResponse<String> proxied = this.http.get("/proxy/" + vendor + "/sample");

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
    }

    @Test
    void anAppViewXServiceAccountWithAWrongSecretIsARejectedLogin(CapturedOutput output) {
        HttpResponse<String> response = this.http.get("/sessions/appviewx-service-wrong");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("\"vendorStatus\":\"OAUTH_CLNT_015\"").doesNotContain("wrong-client-Secret");
        assertThat(output.getAll()).doesNotContain("wrong-client-Secret").doesNotContain("demo-client-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = { "alertsite", "infiniteblue", "revulytics", "appviewx" })
    void sampleEndpointAcceptsAnIssuedSessionTheWayTheVendorExpectsIt(String vendor) {
        String session = this.http.get("/sessions/" + vendor, "text/plain").body();

        assertThat(sample(vendor, session).statusCode()).isEqualTo(200);
        assertThat(sample(vendor, "never-issued").statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/emulator/alertsite/login", "/emulator/revulytics/auth/login",
            "/emulator/appviewx/avxapi/login?gwsource=external",
            "/emulator/appviewx/avxapi/acctmgmt-get-service-token?gwsource=external" })
    void aChunkedLoginBodyIsRefusedAsAStrictServerDoes(String path) {
        String body = "{\"login\":\"demo@example.com\",\"password\":\"demo-password\"}";
        String answer = RawHttp.exchange(PORT, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 411");
    }

    @Test
    void revulyticsResourcesWantTheSessionsOwnUser() {
        String session = this.http.get("/sessions/revulytics", "text/plain").body();
        String sample = "/emulator/revulytics/auth/sample";

        assertThat(this.http.post(sample, "application/json", "{\"sessionId\":\"" + session + "\"}").statusCode())
            .isEqualTo(400);
        assertThat(this.http.post(sample, "application/json",
                "{\"user\":\"someone@example.com\",\"sessionId\":\"" + session + "\"}").statusCode())
            .isEqualTo(403);
    }

    /** SPEC section 5: how each vendor takes the session on an API call. */
    private HttpResponse<String> sample(String vendor, String session) {
        String base = "/emulator/" + vendor;
        switch (vendor) {
            case "alertsite":
                String basic = Base64.getEncoder()
                    .encodeToString(("demo@example.com:" + session).getBytes(StandardCharsets.UTF_8));
                return this.http.send(this.http.request(base + "/sample").header("Authorization", "Basic " + basic)
                    .GET().build());
            case "infiniteblue":
                return this.http.get(base + "/sample?output=json&sessionId="
                        + URLEncoder.encode(session, StandardCharsets.UTF_8));
            case "revulytics":
                return this.http.post(base + "/auth/sample", "application/json",
                        "{\"user\":\"demo@example.com\",\"sessionId\":\"" + session + "\"}");
            default:
                return this.http.send(this.http.request(base + "/avxapi/sample").header("sessionId", session).GET().build());
        }
    }
}
