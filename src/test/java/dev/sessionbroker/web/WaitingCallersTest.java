package dev.sessionbroker.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.StubVendorKeys;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.adapter.SessionFingerprint;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callers who arrive while a login is under way are answered by {@link WaitingCallers} when
 * it ends, not through an async dispatch: the same answer as a cached one, problem details
 * for failures, and a 503 problem when the login outlives {@code spring.mvc.async.request-timeout}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.mvc.async.request-timeout=1500ms")
class WaitingCallersTest {

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        for (String name : List.of("quick", "slow")) {
            StubVendorKeys.register(registry,
                    StubVendorKeys.of(name, "alertsite", vendor.baseUrl(), "not-the-answer", "read-timeout=10s"));
        }
    }

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    private BrokerHttp http;

    @BeforeEach
    void stubs() {
        this.http = new BrokerHttp(this.port);
        this.http.delete("/sessions/quick");
        this.http.delete("/sessions/slow");
        vendor.resetAll();
        vendor.stubFor(post("/quick/login")
            .willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(150)));
        vendor.stubFor(post("/slow/login").willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(2500)));
    }

    @Test
    void waitersGetTheSameAnswerAsACachedCallerInJsonAndText(CapturedOutput output) {
        CompletableFuture<HttpResponse<String>> json = this.http.getAsync("/sessions/quick", "application/json");
        CompletableFuture<HttpResponse<String>> text = this.http.getAsync("/sessions/quick", "text/plain");
        HttpResponse<String> waitedJson = json.join();
        HttpResponse<String> waitedText = text.join();
        HttpResponse<String> cachedJson = this.http.get("/sessions/quick", "application/json");
        HttpResponse<String> cachedText = this.http.get("/sessions/quick", "text/plain");

        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/quick/login")))).hasSize(1);
        assertThat(waitedText.body()).isEqualTo("ef770427109e343e").isEqualTo(cachedText.body());
        assertThat(this.json.readTree(waitedJson.body()).path("sessionId").asString()).isEqualTo("ef770427109e343e");
        for (String header : List.of("Content-Type", "Cache-Control")) {
            assertThat(waitedJson.headers().firstValue(header)).isEqualTo(cachedJson.headers().firstValue(header));
            assertThat(waitedText.headers().firstValue(header)).isEqualTo(cachedText.headers().firstValue(header));
        }
        assertThat(waitedJson.headers().firstValue("Content-Length")).isPresent();
        // The audit names the session a waiter got, as for a cached answer; repeated hand-outs
        // of one session to one caller share a line, whose counts add up to the four answers.
        String audited = "vendor=quick outcome=success status=200 session=" + SessionFingerprint.of("ef770427109e343e")
                + " count=";
        await().until(() -> output.getAll().lines()
            .filter((line) -> line.contains(audited))
            .mapToLong((line) -> Long.parseLong(line.substring(line.indexOf(audited) + audited.length()).trim()))
            .sum() == 4);
    }

    @Test
    void aLoginLongerThanTheRequestTimeoutIsA503ProblemAndStillCompletes() {
        HttpResponse<String> waited = this.http.get("/sessions/slow");

        assertThat(waited.statusCode()).isEqualTo(503);
        assertThat(waited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(this.json.readTree(waited.body()).path("status").asInt()).isEqualTo(503);
        // The login goes on for the callers after this one, and is not repeated for them.
        await().until(() -> this.http.get("/sessions/slow").statusCode() == 200);
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/slow/login")))).hasSize(1);
    }
}
