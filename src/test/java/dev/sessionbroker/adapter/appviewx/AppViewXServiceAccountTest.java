package dev.sessionbroker.adapter.appviewx;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.support.FakeTimeConfiguration;
import dev.sessionbroker.support.StrictVendorStub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AppViewX service account through the whole broker, over HTTP: the token's exp decides
 * when the next one is fetched, without a caller refreshing and without a proxied call being
 * refused first; proxied calls carry it in the token header; a rejected secret is asked for
 * once, then the vendor rests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeTimeConfiguration.class)
class AppViewXServiceAccountTest {

    private static final String TOKEN_PATH = "/avxapi/acctmgmt-get-service-token";

    @RegisterExtension
    static WireMockExtension appViewX = StrictVendorStub.extension();

    @DynamicPropertySource
    static void vendor(DynamicPropertyRegistry registry) {
        registry.add("broker.vendors.avx.type", () -> "appviewx");
        registry.add("broker.vendors.avx.base-url", () -> appViewX.baseUrl() + "/avxapi");
        registry.add("broker.vendors.avx.min-login-interval", () -> "0");
        registry.add("broker.vendors.avx.appviewx.client-id", () -> "521c3ad2-ea4e-447b-a51b-9621bb7ea126");
        registry.add("broker.vendors.avx.appviewx.client-secret", () -> "55AU#NO8%*ZhgvNfaYUmtvX0dkEhodbi");
    }

    @LocalServerPort
    int port;

    @Autowired
    FakeTime time;

    @Autowired
    SessionBroker broker;

    BrokerHttp http;

    @BeforeEach
    void fresh() {
        this.http = new BrokerHttp(this.port);
        this.time.advance(Duration.ofHours(1));
        this.broker.invalidate("avx");
        appViewX.resetAll();
    }

    @Test
    void theNextTokenIsFetchedBeforeTheLastOneExpiresWithoutAnyCallerRefreshing() {
        Instant start = this.time.instant();
        String first = ServiceTokenFixtures.token(start.plusSeconds(120));
        String second = ServiceTokenFixtures.token(start.plusSeconds(95 + 120));
        appViewX.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("Started")
            .willReturn(okJson(ServiceTokenFixtures.answer(first))).willSetStateTo("second"));
        appViewX.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
            .willReturn(okJson(ServiceTokenFixtures.answer(second))));

        HttpResponse<String> handedOut = this.http.get("/sessions/avx");
        this.time.advance(Duration.ofSeconds(80));
        HttpResponse<String> stillTheFirst = this.http.get("/sessions/avx", "text/plain");
        this.time.advance(Duration.ofSeconds(15));
        HttpResponse<String> renewed = this.http.get("/sessions/avx", "text/plain");

        assertThat(handedOut.body()).contains("\"sessionId\":\"" + first + "\"")
            // 30 s before the token's exp, never after it; the idle timeout alone would say 15 minutes.
            .contains("\"expiresAt\":\"" + start.plusSeconds(90) + "\"");
        assertThat(stillTheFirst.body()).isEqualTo(first);
        assertThat(renewed.body()).isEqualTo(second);
        appViewX.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void proxiedCallsCarryTheTokenInTheTokenHeader() {
        String token = ServiceTokenFixtures.token(this.time.instant().plusSeconds(900));
        appViewX.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(ServiceTokenFixtures.answer(token))));
        appViewX.stubFor(get(urlPathEqualTo("/avxapi/certificates")).withHeader("token", equalTo(token))
            .willReturn(okJson("{\"response\":[]}")));

        HttpResponse<String> response = this.http.get("/proxy/avx/certificates");

        assertThat(response.statusCode()).isEqualTo(200);
        appViewX.verify(getRequestedFor(urlPathEqualTo("/avxapi/certificates")).withHeader("token", equalTo(token))
            .withoutHeader("sessionId"));
    }

    @Test
    void aRejectedSecretIsAskedForOnceAndThenTheVendorRests() {
        appViewX.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(ServiceTokenFixtures.refusal("OAUTH_CLNT_015", "Client Password is incorrect::[Invalid Client credential]"))));

        HttpResponse<String> rejected = this.http.get("/sessions/avx");
        HttpResponse<String> resting = this.http.get("/sessions/avx");

        assertThat(rejected.statusCode()).isEqualTo(502);
        assertThat(rejected.body()).contains("\"vendorStatus\":\"OAUTH_CLNT_015\"")
            .doesNotContain("55AU#NO8");
        assertThat(resting.statusCode()).isEqualTo(503);
        assertThat(resting.headers().firstValue("Retry-After")).isPresent();
        appViewX.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }
}
