package dev.sessionbroker.adapter.alertsite;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static dev.sessionbroker.support.TestVendors.client;
import static dev.sessionbroker.support.TestVendors.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The AlertSite login exactly as vendor-docs/alertsite-login.txt shows it. */
class AlertSiteClientTest {

    @RegisterExtension
    static WireMockExtension alertSite = StrictVendorStub.extension();

    private final VendorClient client = client(settings("alertsite", new AlertSiteVendor(),
            alertSite.baseUrl() + "/alertsite-restapi", "[email protected]", "passw0rd"));

    @Test
    void sendsTheDocumentedRequestAndReadsTheSession() {
        alertSite.stubFor(post("/alertsite-restapi/login").willReturn(okJson(read("alertsite/login-success.json"))));

        LoginResult result = this.client.login();

        assertThat(result.sessionId()).isEqualTo("ef770427109e343e");
        alertSite.verify(postRequestedFor(urlEqualTo("/alertsite-restapi/login"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(read("alertsite/login-request.json"))));
    }

    @Test
    void loginBodyGoesOutWithItsLengthNotChunked() {
        alertSite.stubFor(post("/alertsite-restapi/login").willReturn(okJson(read("alertsite/login-success.json"))));

        this.client.login();

        alertSite.verify(postRequestedFor(urlEqualTo("/alertsite-restapi/login"))
            .withHeader("Content-Length", matching("[1-9][0-9]*"))
            .withoutHeader("Transfer-Encoding"));
    }

    @Test
    void status40InAnHttp200AnswerIsARejectedLogin() {
        alertSite.stubFor(post("/alertsite-restapi/login").willReturn(okJson(read("alertsite/login-status-40.json"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login).satisfies((rejected) -> {
            assertThat(rejected.vendorStatus()).isEqualTo("40");
            assertThat(rejected.vendorMessage()).isEqualTo("Invalid login information.");
            assertThat(rejected.vendor()).isEqualTo("alertsite");
            assertThat(rejected.getMessage()).doesNotContain("passw0rd");
        });
    }

    @Test
    void statusZeroWithoutSessionIsUnusable() {
        alertSite.stubFor(post("/alertsite-restapi/login")
            .willReturn(okJson("{\"metadata\":{\"status\":\"0\",\"message\":\"No errors.\"}}")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login)
            .withMessageContaining("metadata.session");
    }

    @Test
    void htmlAnswerIsUnusableAndNotQuoted() {
        alertSite.stubFor(post("/alertsite-restapi/login").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withBody("<html>login=[email protected] password=passw0rd</html>")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login)
            .withMessageContaining("not JSON")
            .withMessageNotContaining("passw0rd")
            .withMessageNotContaining("<html>");
    }

    @Test
    void vendorEchoingThePasswordIsRedacted() {
        alertSite.stubFor(post("/alertsite-restapi/login").willReturn(
                okJson("{\"metadata\":{\"status\":\"41\",\"message\":\"Bad password passw0rd\"}}")));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login)
            .satisfies((rejected) -> assertThat(rejected.vendorMessage()).isEqualTo("Bad password ******"))
            .withMessageNotContaining("passw0rd");
    }

    @Test
    void serverErrorIsTransient() {
        alertSite.stubFor(post("/alertsite-restapi/login")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));

        assertThatExceptionOfType(LoginFailure.Transient.class).isThrownBy(this.client::login)
            .satisfies((failure) -> assertThat(failure.retryAfter()).hasSeconds(7));
        // Sent once: retrying a login is the broker's decision, never the HTTP client's.
        alertSite.verify(1, postRequestedFor(urlEqualTo("/alertsite-restapi/login")));
    }

    @Test
    void slowAnswerTimesOut() {
        alertSite.stubFor(post("/alertsite-restapi/login")
            .willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(1500)));

        assertThatExceptionOfType(LoginFailure.TimedOut.class).isThrownBy(this.client::login)
            .withMessageContaining("read-timeout");
    }

    @Test
    void refusedConnectionIsTransient() {
        VendorClient nowhere = client(settings("alertsite", new AlertSiteVendor(), "http://127.0.0.1:1/alertsite-restapi",
                "[email protected]", "passw0rd"));

        assertThatExceptionOfType(LoginFailure.Transient.class).isThrownBy(nowhere::login)
            .withMessageContaining("could not reach vendor");
    }
}
