package dev.sessionbroker.ops;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.PrometheusText;
import dev.sessionbroker.support.StubbedAlertSite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §7: the broker's metrics as Prometheus scrapes them. Counters only grow and the
 * context is shared, so each test compares a scrape before and after its own requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerMetricsEndpointTest {

    @RegisterExtension
    static WireMockExtension alertSite = StubbedAlertSite.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        StubbedAlertSite.registerVendors(registry, alertSite, "metrics-test-password");
    }

    @LocalServerPort
    int port;

    BrokerHttp http;

    @BeforeEach
    void setUp() {
        this.http = new BrokerHttp(this.port);
        StubbedAlertSite.stubLogins(alertSite);
        this.http.delete("/sessions/alertsite");
    }

    @Test
    void firstRequestIsAMissAndLoginThenHitsAreCountedWithoutLogin() {
        PrometheusText before = scrape();

        this.http.get("/sessions/alertsite");
        this.http.get("/sessions/alertsite");
        this.http.get("/sessions/alertsite");

        PrometheusText after = scrape();
        assertThat(delta(before, after, "broker_session_requests_total", "vendor", "alertsite", "result", "miss"))
            .isEqualTo(1);
        assertThat(delta(before, after, "broker_session_requests_total", "vendor", "alertsite", "result", "hit"))
            .isEqualTo(2);
        assertThat(delta(before, after, "broker_login_attempts_total", "vendor", "alertsite", "outcome", "success"))
            .isEqualTo(1);
        assertThat(delta(before, after, "broker_login_latency_seconds_count", "vendor", "alertsite", "outcome",
                "success"))
            .isEqualTo(1);
    }

    @Test
    void rejectedLoginIsCountedByOutcome() {
        PrometheusText before = scrape();

        this.http.get("/sessions/alertsite-rejected");

        PrometheusText after = scrape();
        assertThat(delta(before, after, "broker_login_attempts_total", "vendor", "alertsite-rejected", "outcome",
                "rejected"))
            .isEqualTo(1);
        assertThat(delta(before, after, "broker_login_latency_seconds_count", "vendor", "alertsite-rejected",
                "outcome", "rejected"))
            .isEqualTo(1);
    }

    @Test
    void callerRefreshIsCountedByReason() {
        this.http.get("/sessions/alertsite");
        PrometheusText before = scrape();

        this.http.postEmpty("/sessions/alertsite/refresh");

        PrometheusText after = scrape();
        assertThat(delta(before, after, "broker_refreshes_total", "vendor", "alertsite", "reason", "caller"))
            .isEqualTo(1);
    }

    @Test
    void everyConfiguredVendorHasItsSeriesBeforeAnyTraffic() {
        PrometheusText scrape = scrape();

        for (String result : VendorMeters.REQUEST_RESULTS) {
            assertThat(scrape.value("broker_session_requests_total", "vendor", "alertsite-idle", "result", result))
                .isZero();
        }
        for (String reason : VendorMeters.REFRESH_REASONS) {
            assertThat(scrape.value("broker_refreshes_total", "vendor", "alertsite-idle", "reason", reason)).isZero();
        }
        for (String outcome : VendorMeters.OUTCOMES) {
            assertThat(scrape.value("broker_login_attempts_total", "vendor", "alertsite-idle", "outcome", outcome))
                .isZero();
        }
    }

    @Test
    void activeCoolDownsAreAGaugeTaggedWithTheApplication() {
        assertThat(scrape().value("broker_cooldowns_active", "application", "session-broker")).isZero();
    }

    private PrometheusText scrape() {
        var answer = this.http.get("/actuator/prometheus");
        assertThat(answer.statusCode()).isEqualTo(200);
        return new PrometheusText(answer.body());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
