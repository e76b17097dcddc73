package dev.sessionbroker.adapter.infiniteblue;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.VendorClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static dev.sessionbroker.support.TestVendors.client;
import static dev.sessionbroker.support.TestVendors.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Infinite Blue login exactly as vendor-docs/infiniteblue-login.txt shows it. */
class InfiniteBlueClientTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @RegisterExtension
    static WireMockExtension infiniteBlue = StrictVendorStub.extension();

    private final VendorClient client = client(settings("infiniteblue", new InfiniteBlueVendor(),
            infiniteBlue.baseUrl() + "/rest/api", "ops@example.com", PASSWORD));

    @Test
    void sendsCredentialsInHeadersOnlyAndReadsTheDocumentedJsonAnswer() {
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(okJson(read("infiniteblue/login-success.json"))));

        assertThat(this.client.login().sessionId()).isEqualTo("ecc701d2442e4f6b9fe2a7cc7b52078a@5857");
        // Exactly ?output=json: the deprecated loginName/password URL parameters never appear.
        infiniteBlue.verify(postRequestedFor(urlEqualTo("/rest/api/login?output=json"))
            .withHeader("loginName", equalTo("ops@example.com"))
            .withHeader("password", equalTo(PASSWORD))
            .withHeader("custId", absent())
            .withHeader("adminFallback", absent()));
    }

    @Test
    void readsTheDocumentedXmlAnswerAndTrimsTheSession() {
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/xml").withBody(read("infiniteblue/login-success.xml"))));

        assertThat(this.client.login().sessionId()).isEqualTo("ecc701d2442e4f6b9fe2a7cc7b52078a@5857");
    }

    @Test
    void sendsCustomerIdAndAdminFallbackHeadersWhenConfigured() {
        VendorClient tenant = client(settings("infiniteblue", new InfiniteBlueVendor(), infiniteBlue.baseUrl() + "/rest/api",
                "ops@example.com", PASSWORD, Map.of("infiniteblue.customer-id", "12345", "infiniteblue.admin-fallback", "true")));
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(okJson(read("infiniteblue/login-success.json"))));

        tenant.login();

        infiniteBlue.verify(postRequestedFor(urlEqualTo("/rest/api/login?output=json"))
            .withHeader("custId", equalTo("12345"))
            .withHeader("adminFallback", equalTo("true")));
    }

    @Test
    void failStatusIsARejectedLoginWithTheVendorMessage() {
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(okJson(read("infiniteblue/login-fail.json"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login).satisfies((rejected) -> {
            assertThat(rejected.vendorStatus()).isEqualTo("fail");
            assertThat(rejected.vendorMessage()).isEqualTo("Invalid login name or password");
            assertThat(rejected.getMessage()).doesNotContain(PASSWORD);
        });
    }

    @Test
    void failStatusInTheXmlFormIsARejectedLogin() {
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/xml").withBody(read("infiniteblue/login-fail.xml"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login)
            .satisfies((rejected) -> assertThat(rejected.vendorMessage()).isEqualTo("Invalid login name or password"));
    }

    @Test
    void http401WithoutAStatusIsARejectedLogin() {
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(aResponse().withStatus(401)));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login)
            .satisfies((rejected) -> assertThat(rejected.vendorStatus()).isEqualTo("HTTP 401"));
    }

    @Test
    void okWithoutSessionIsUnusable() {
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(okJson("{\"status\":\"ok\"}")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login)
            .withMessageContaining("no sessionId");
    }

    @Test
    void xmlWithAnExternalEntityIsRefusedWithoutFetchingIt() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE resp [<!ENTITY xxe SYSTEM \"" + infiniteBlue.baseUrl()
                + "/xxe\">]>\n<resp status=\"ok\"><sessionId>&xxe;</sessionId></resp>";
        infiniteBlue.stubFor(get("/xxe").willReturn(aResponse().withBody("stolen")));
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/xml").withBody(xxe)));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login)
            .withMessageContaining("DOCTYPE is not allowed");
        infiniteBlue.verify(0, getRequestedFor(urlEqualTo("/xxe")));
    }

    @Test
    void htmlAnswerIsUnusableAndNotQuoted() {
        infiniteBlue.stubFor(post(urlPathEqualTo("/rest/api/login")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/html").withBody("<html><body>password " + PASSWORD + "</body></html>")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login)
            .withMessageNotContaining(PASSWORD)
            .withMessageNotContaining("<html>");
    }

    @Test
    void logoutSendsTheDocumentedRequest() {
        infiniteBlue.stubFor(get(urlPathEqualTo("/rest/api/logout")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/xml").withBody(read("infiniteblue/logout-success.xml"))));

        this.client.logout("ecc701d2442e4f6b9fe2a7cc7b52078a@5857");

        infiniteBlue.verify(getRequestedFor(urlEqualTo("/rest/api/logout?sessionId=ecc701d2442e4f6b9fe2a7cc7b52078a%405857&output=json")));
    }
}
