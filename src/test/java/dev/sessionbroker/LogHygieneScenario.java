package dev.sessionbroker;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.security.Tokens;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.StubVendorKeys;
import dev.sessionbroker.support.RootLogLevelRestored;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One process, every log at the level a subclass sets: a bearer client takes sessions as JSON
 * and as text, refreshes with a body, and proxies a form; afterwards the log holds neither the
 * vendor password, nor the token, nor any session ID handed out: operators raise log levels
 * to chase a fault, and a secret must not follow the log to wherever it is shipped.
 */
@ExtendWith({ OutputCaptureExtension.class, RootLogLevelRestored.class })
abstract class LogHygieneScenario {

    static final String PASSWORD = "Log-Pa55word-7";

    static final String TOKEN = "log-client-token-5e2a9c0d7f31";

    static final String FIRST_SESSION = "first0session0a1b2c";

    static final String SECOND_SESSION = "second0session3d4e5f";

    static final String CLIENT_ID = "log-client-id-83f1";

    static final String CLIENT_SECRET = "Log-Client-Secret-4b9";

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        StubVendorKeys.register(registry, StubVendorKeys.of("alertsite", "alertsite", vendor.baseUrl(), PASSWORD));
        registry.add("broker.clients.logs.token-sha256", () -> Tokens.sha256Hex(TOKEN));
        registry.add("broker.clients.logs.vendors", () -> "alertsite,avx");
        registry.add("broker.vendors.avx.type", () -> "appviewx");
        registry.add("broker.vendors.avx.base-url", () -> vendor.baseUrl() + "/avx");
        registry.add("broker.vendors.avx.min-login-interval", () -> "0");
        registry.add("broker.vendors.avx.appviewx.client-id", () -> CLIENT_ID);
        registry.add("broker.vendors.avx.appviewx.client-secret", () -> CLIENT_SECRET);
        // The stub vendor's own logs are not the broker's.
        registry.add("logging.level.wiremock", () -> "INFO");
        registry.add("logging.level.com.github.tomakehurst", () -> "INFO");
    }

    @LocalServerPort
    int port;

    abstract String level();

    @Test
    void noSecretReachesTheLog(CapturedOutput output) {
        String success = read("alertsite/login-success.json");
        vendor.stubFor(post("/alertsite/login").inScenario("logins").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(success.replace("ef770427109e343e", FIRST_SESSION))).willSetStateTo("second"));
        vendor.stubFor(post("/alertsite/login").inScenario("logins").whenScenarioStateIs("second")
            .willReturn(okJson(success.replace("ef770427109e343e", SECOND_SESSION))));
        vendor.stubFor(any(urlPathEqualTo("/alertsite/settings")).willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));
        BrokerHttp http = new BrokerHttp(this.port);
        List<HttpResponse<String>> answers = new ArrayList<>();

        answers.add(http.send(authorized(http, "/sessions/alertsite").GET().build()));
        answers.add(http.send(authorized(http, "/sessions/alertsite").header("Accept", "text/plain").GET().build()));
        answers.add(http.send(authorized(http, "/sessions/alertsite/refresh").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"rejectedSessionId\":\"" + FIRST_SESSION + "\"}"))
            .build()));
        answers.add(http.send(authorized(http, "/sessions/alertsite").header("Accept", "text/plain").GET().build()));
        answers.add(http.send(authorized(http, "/proxy/alertsite/settings")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("monitor=" + FIRST_SESSION.length()))
            .build()));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(answers.get(1).body()).isEqualTo(FIRST_SESSION);
        assertThat(answers.get(3).body()).isEqualTo(SECOND_SESSION);
        // Request details at this level must not consume a form body before it is proxied.
        vendor.verify(postRequestedFor(urlPathEqualTo("/alertsite/settings"))
            .withRequestBody(equalTo("monitor=" + FIRST_SESSION.length())));
        assertThat(output.getAll()).as("logging at %s is really on", level()).contains(" " + level() + " ");
        assertThat(output.getAll()).doesNotContain(PASSWORD)
            .doesNotContain(TOKEN)
            .doesNotContain(FIRST_SESSION)
            .doesNotContain(SECOND_SESSION);
    }

    /** An AppViewX service account: its secret, its Basic header and its token (a JWT) stay out too. */
    @Test
    void noServiceAccountSecretOrTokenReachesTheLog(CapturedOutput output) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String claims = base64url.encodeToString(("{\"sub\":\"svc\",\"aud\":\"avx\",\"exp\":"
                + Instant.now().plusSeconds(900).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        String token = base64url.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
                + "." + claims + ".bG9nLXNpZ25hdHVyZS03YTI";
        vendor.stubFor(post(urlPathEqualTo("/avx/acctmgmt-get-service-token")).willReturn(okJson("{\"response\":\""
                + token + "\",\"message\":null,\"appStatusCode\":null,\"tags\":{},\"headers\":null}")));
        vendor.stubFor(any(urlPathEqualTo("/avx/certificates")).willReturn(okJson("{\"response\":[]}")));
        BrokerHttp http = new BrokerHttp(this.port);

        HttpResponse<String> session = http.send(authorized(http, "/sessions/avx").header("Accept", "text/plain")
            .GET().build());
        HttpResponse<String> proxied = http.send(authorized(http, "/proxy/avx/certificates").GET().build());

        assertThat(session.body()).isEqualTo(token);
        assertThat(proxied.statusCode()).isEqualTo(200);
        vendor.verify(getRequestedFor(urlPathEqualTo("/avx/certificates")).withHeader("token", equalTo(token)));
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(output.getAll()).as("logging at %s is really on", level()).contains(" " + level() + " ");
        assertThat(output.getAll()).doesNotContain(CLIENT_SECRET).doesNotContain(basic).doesNotContain(claims)
            .doesNotContain(TOKEN);
    }

    private static HttpRequest.Builder authorized(BrokerHttp http, String path) {
        return http.request(path).header("Authorization", "Bearer " + TOKEN);
    }
}
