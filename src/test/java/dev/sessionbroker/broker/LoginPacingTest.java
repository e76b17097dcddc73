package dev.sessionbroker.broker;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.support.FakeTimeConfiguration;
import dev.sessionbroker.support.StrictVendorStub;

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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeTimeConfiguration.class)
class LoginPacingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("broker.vendors.alertsite.type", () -> "alertsite");
        registry.add("broker.vendors.alertsite.base-url", () -> vendor.baseUrl() + "/alertsite");
        registry.add("broker.vendors.alertsite.username", () -> "ops@example.com");
        registry.add("broker.vendors.alertsite.password", () -> "pacing-pass");
    }

    @LocalServerPort
    int port;

    @Autowired
    FakeTime time;

    @Autowired
    MeterRegistry meters;

    private BrokerHttp http;

    @BeforeEach
    void setUp() {
        this.http = new BrokerHttp(this.port);
        this.time.advance(Duration.ofHours(1));
        this.http.delete("/sessions/alertsite");
        vendor.resetAll();
        // The same session every time: each refresh below names the current session, so
        // without pacing every one of them would be a login.
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
    }

    @Test
    void refreshesNamingTheCurrentSessionAreHeldToOneLoginPerInterval() throws Exception {
        String session = this.http.get("/sessions/alertsite", "text/plain").body();
        double pacedBefore = paced();
        List<CompletableFuture<HttpResponse<String>>> refreshes = new ArrayList<>();
        Duration window = Duration.ofSeconds(20);
        Duration step = window.dividedBy(30);
        for (int i = 0; i < 30; i++) {
            refreshes.add(CompletableFuture.supplyAsync(() -> this.http.post("/sessions/alertsite/refresh",
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
        int logins = vendor.findAll(postRequestedFor(urlEqualTo("/alertsite/login"))).size();
        long bound = (long) Math.ceil((double) window.toSeconds() / INTERVAL.toSeconds()) + 1;
        // The first GET, then at most one login per interval; at least one refresh got through.
        assertThat(logins).isBetween(2, (int) bound);
        assertThat(paced() - pacedBefore).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theFirstLoginAndOneAfterAQuietSpellDoNotWait() {
        assertThat(this.http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        this.time.advance(INTERVAL);
        String session = this.http.get("/sessions/alertsite", "text/plain").body();

        // Without the clock moving: a wait here would never end.
        HttpResponse<String> refreshed = this.http.post("/sessions/alertsite/refresh", "application/json",
                "{\"rejectedSessionId\":\"" + session + "\"}");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/alertsite/login")))).hasSize(2);
    }

    private double paced() {
        return this.meters.get("broker.logins.paced").tag("vendor", "alertsite").counter().count();
    }
}
