package dev.sessionbroker.adapter.revulytics;

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

/** The Revulytics login exactly as vendor-docs/revulytics-login.txt shows it. */
class RevulyticsClientTest {

    @RegisterExtension
    static WireMockExtension revulytics = StrictVendorStub.extension();

    private final VendorClient client = client(
            settings("revulytics", new RevulyticsVendor(), revulytics.baseUrl(), "testuser@test.com", "mypassword1"));

    private final VendorClient cookieClient = client(settings("revulytics", new RevulyticsVendor(), revulytics.baseUrl(),
            "testuser@test.com", "mypassword1", Map.of("revulytics.use-cookies", "true")));

    @Test
    void sendsTheDocumentedRequestAndReadsTheSession() {
        revulytics.stubFor(post("/auth/login").willReturn(okJson(read("revulytics/login-success.json"))));

        assertThat(this.client.login().sessionId()).isEqualTo("VSB8E2BzSC2eZSJm4QmTpA");
        revulytics.verify(postRequestedFor(urlEqualTo("/auth/login"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(equalToJson(read("revulytics/login-request.json"))));
    }

    @Test
    void syntaxError400IsARejectedLoginWithStatusAndReason() {
        revulytics.stubFor(post("/auth/login").willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json").withBody(read("revulytics/login-syntax-error.json"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login).satisfies((rejected) -> {
            assertThat(rejected.vendorStatus()).isEqualTo("SYNTAX ERROR");
            assertThat(rejected.vendorMessage()).isEqualTo("Malformed request");
        });
    }

    @Test
    void authError403IsARejectedLoginWithStatusAndReason() {
        revulytics.stubFor(post("/auth/login").willReturn(aResponse().withStatus(403)
            .withHeader("Content-Type", "application/json").withBody(read("revulytics/login-auth-error.json"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login).satisfies((rejected) -> {
            assertThat(rejected.vendorStatus()).isEqualTo("AUTH ERROR");
            assertThat(rejected.vendorMessage()).isEqualTo("Wrong credentials supplied");
            assertThat(rejected.getMessage()).doesNotContain("mypassword1");
        });
    }

    @Test
    void okWithoutSessionIdIsUnusable() {
        revulytics.stubFor(post("/auth/login").willReturn(okJson("{\"status\":\"OK\"}")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login)
            .withMessageContaining("no sessionId");
    }

    @Test
    void useCookiesAsksForACookieAndHandsItOutAsNameAndValue() {
        revulytics.stubFor(post("/auth/login").willReturn(okJson("{\"status\":\"OK\"}")
            .withHeader("Set-Cookie", "sessionId=VSB8E2BzSC2eZSJm4QmTpA; Path=/; Secure; HttpOnly")));

        assertThat(this.cookieClient.login().sessionId()).isEqualTo("sessionId=VSB8E2BzSC2eZSJm4QmTpA");
        revulytics.verify(postRequestedFor(urlEqualTo("/auth/login")).withRequestBody(
                equalToJson("{\"user\":\"testuser@test.com\",\"password\":\"mypassword1\",\"useCookies\":true}")));
    }

    @Test
    void useCookiesWithoutACookieIsUnusable() {
        revulytics.stubFor(post("/auth/login").willReturn(okJson("{\"status\":\"OK\"}")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.cookieClient::login)
            .withMessageContaining("no session cookie");
    }

    @Test
    void logoutSendsUserAndSessionId() {
        revulytics.stubFor(post("/auth/logout").willReturn(okJson("{\"status\":\"OK\"}")));

        this.client.logout("VSB8E2BzSC2eZSJm4QmTpA");

        revulytics.verify(postRequestedFor(urlEqualTo("/auth/logout"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Content-Length", matching("[1-9][0-9]*"))
            .withoutHeader("Transfer-Encoding")
            .withRequestBody(equalToJson("{\"user\":\"testuser@test.com\",\"sessionId\":\"VSB8E2BzSC2eZSJm4QmTpA\"}")));
    }

    @Test
    void logoutWithCookiesSendsTheCookieAndNoBody() {
        revulytics.stubFor(post("/auth/logout").willReturn(okJson("{\"status\":\"OK\"}")));

        this.cookieClient.logout("sessionId=VSB8E2BzSC2eZSJm4QmTpA");

        revulytics.verify(postRequestedFor(urlEqualTo("/auth/logout"))
            .withHeader("Cookie", equalTo("sessionId=VSB8E2BzSC2eZSJm4QmTpA"))
            .withHeader("Content-Type", absent()));
    }
}
