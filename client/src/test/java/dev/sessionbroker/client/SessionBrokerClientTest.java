package dev.sessionbroker.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The client against a WireMock broker: local cache until expiresAt, single-flight, refresh, problems. */
class SessionBrokerClientTest {

    @RegisterExtension
    static WireMockExtension broker = BrokerStub.extension();

    private final MutableClock clock = new MutableClock(BrokerStub.NOW);

    private final SessionBrokerClient client = BrokerStub.client(broker, this.clock, Set.of(401));

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void sessionIsKeptLocallyUntilExpiresAtLessTheMargin() {
        broker.stubFor(get("/sessions/appviewx").willReturn(BrokerStub.session("s1")));

        BrokerSession first = this.client.session("appviewx");
        this.clock.advance(Duration.ofMinutes(14));
        BrokerSession second = this.client.session("appviewx");

        assertThat(first.sessionId()).isEqualTo("s1");
        assertThat(first.placement()).isEqualTo(new Placement("header", "sessionId", null, null, null));
        assertThat(second).isEqualTo(first);
        broker.verify(1, getRequestedFor(urlEqualTo("/sessions/appviewx")));

        this.clock.advance(Duration.ofSeconds(31));
        this.client.session("appviewx");
        broker.verify(2, getRequestedFor(urlEqualTo("/sessions/appviewx")));
    }

    @Test
    void concurrentCallersOfOneVendorShareOneBrokerRequest() {
        broker.stubFor(get("/sessions/appviewx").willReturn(BrokerStub.session("s1").withFixedDelay(300)));

        List<CompletableFuture<BrokerSession>> callers = IntStream.range(0, 8)
            .mapToObj((i) -> CompletableFuture.supplyAsync(() -> this.client.session("appviewx"), this.threads))
            .toList();

        assertThat(callers).allSatisfy((caller) -> assertThat(caller.join().sessionId()).isEqualTo("s1"));
        broker.verify(1, getRequestedFor(urlEqualTo("/sessions/appviewx")));
    }

    @Test
    void refreshNamesTheRejectedSessionAndItsAnswerIsKept() {
        broker.stubFor(get("/sessions/appviewx").willReturn(BrokerStub.session("s1")));
        broker.stubFor(post("/sessions/appviewx/refresh").withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"rejectedSessionId\":\"s1\"}"))
            .willReturn(BrokerStub.session("s2")));

        this.client.session("appviewx");
        BrokerSession refreshed = this.client.refresh("appviewx", "s1");

        assertThat(refreshed.sessionId()).isEqualTo("s2");
        assertThat(this.client.session("appviewx").sessionId()).isEqualTo("s2");
        broker.verify(1, getRequestedFor(urlEqualTo("/sessions/appviewx")));
        broker.verify(1, postRequestedFor(urlEqualTo("/sessions/appviewx/refresh")));
    }

    @Test
    void refreshOfASessionAlreadyReplacedHereAsksTheBrokerNothing() {
        broker.stubFor(get("/sessions/appviewx").willReturn(BrokerStub.session("s2")));

        this.client.session("appviewx");
        BrokerSession answer = this.client.refresh("appviewx", "s1");

        assertThat(answer.sessionId()).isEqualTo("s2");
        broker.verify(0, postRequestedFor(urlEqualTo("/sessions/appviewx/refresh")));
    }

    @Test
    void concurrentRefreshesOfOneSessionMakeOneBrokerCall() {
        broker.stubFor(get("/sessions/appviewx").willReturn(BrokerStub.session("s1")));
        broker.stubFor(post("/sessions/appviewx/refresh").willReturn(BrokerStub.session("s2").withFixedDelay(300)));
        this.client.session("appviewx");

        List<CompletableFuture<BrokerSession>> callers = IntStream.range(0, 8)
            .mapToObj((i) -> CompletableFuture.supplyAsync(() -> this.client.refresh("appviewx", "s1"), this.threads))
            .toList();

        assertThat(callers).allSatisfy((caller) -> assertThat(caller.join().sessionId()).isEqualTo("s2"));
        broker.verify(1, postRequestedFor(urlEqualTo("/sessions/appviewx/refresh")));
    }

    @Test
    void brokerProblemIsThrownWithItsTypeAndRetryAfterAndNotKept() {
        broker.stubFor(get("/sessions/appviewx").willReturn(aResponse().withStatus(503)
            .withHeader("Content-Type", "application/problem+json")
            .withHeader("Retry-After", "42")
            .withBody("{\"type\":\"urn:session-broker:problem:vendor-cooling-down\",\"title\":\"Vendor cooling down\","
                    + "\"status\":503,\"detail\":\"login rejected; next attempt allowed later\",\"vendor\":\"appviewx\"}")));

        assertThatExceptionOfType(SessionBrokerException.class).isThrownBy(() -> this.client.session("appviewx"))
            .satisfies((ex) -> {
                assertThat(ex.status()).isEqualTo(503);
                assertThat(ex.type()).isEqualTo("urn:session-broker:problem:vendor-cooling-down");
                assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(42));
                assertThat(ex.getMessage()).contains("appviewx", "503");
            });

        broker.stubFor(get("/sessions/appviewx").willReturn(BrokerStub.session("s1")));
        assertThat(this.client.session("appviewx").sessionId()).isEqualTo("s1");
    }

    @Test
    void sessionIdNeverPrints() {
        broker.stubFor(get("/sessions/appviewx").willReturn(BrokerStub.session("secret-session-1")));

        assertThat(this.client.session("appviewx").toString()).doesNotContain("secret-session-1").contains("******");
    }
}
