package dev.sessionbroker.broker;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessionbroker.support.BrokerFixture;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code min-login-interval}: a caller looping on refresh cannot make the broker log in more
 * often than the interval allows, and still gets a session every time. Time is a
 * {@link FakeTime}; the refreshes are real concurrent HTTP requests.
 */
class LoginPacingTest extends BrokerFixture {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void setUp() {
        // The same session every time: each refresh below names the current session, so
        // without pacing every one of them would be a login.
        vendor.stubFor(post("/paced/login").willReturn(okJson(read("alertsite/login-success.json"))));
    }

    @Test
    void refreshesNamingTheCurrentSessionAreHeldToOneLoginPerInterval() throws Exception {
        String session = this.http.get("/sessions/paced", "text/plain").body();
        double pacedBefore = paced();
        List<CompletableFuture<HttpResponse<String>>> refreshes = new ArrayList<>();
        Duration window = Duration.ofSeconds(20);
        Duration step = window.dividedBy(30);
        for (int i = 0; i < 30; i++) {
            refreshes.add(CompletableFuture.supplyAsync(() -> this.http.post("/sessions/paced/refresh",
                    "application/json", "{\"rejectedSessionId\":\"" + session + "\"}")));
            Thread.sleep(15);
            this.time.advance(step);
        }
        // Let the last waiting login through.
        this.time.advance(INTERVAL);

        for (CompletableFuture<HttpResponse<String>> refresh : refreshes) {
            HttpResponse<String> response = refresh.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"sessionId\":\"" + session + "\"");
        }
        int logins = vendor.findAll(postRequestedFor(urlEqualTo("/paced/login"))).size();
        long bound = (long) Math.ceil((double) window.toSeconds() / INTERVAL.toSeconds()) + 1;
        // The first GET, then at most one login per interval; at least one refresh got through.
        assertThat(logins).isBetween(2, (int) bound);
        assertThat(paced() - pacedBefore).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theFirstLoginAndOneAfterAQuietSpellDoNotWait() {
        assertThat(this.http.get("/sessions/paced").statusCode()).isEqualTo(200);
        this.time.advance(INTERVAL);
        String session = this.http.get("/sessions/paced", "text/plain").body();

        // Without the clock moving: a wait here would never end.
        HttpResponse<String> refreshed = this.http.post("/sessions/paced/refresh", "application/json",
                "{\"rejectedSessionId\":\"" + session + "\"}");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/paced/login")))).hasSize(2);
    }

    private double paced() {
        return this.meters.get("broker.logins.paced").tag("vendor", "paced").counter().count();
    }
}
