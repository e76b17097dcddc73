package dev.sessionbroker.ops;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.PrometheusText;
import dev.sessionbroker.support.StubbedAlertSite;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §7: the broker's metrics as Prometheus scrapes them. Counters only grow and the
 * context is shared, so each test compares a scrape before and after its own requests.
 */
class BrokerMetricsEndpointTest extends BrokerFixture {

    @BeforeEach
    void setUp() {
        StubbedAlertSite.stubLogins(vendor);
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
        assertThat(delta(before, after, "broker_login_latency_seconds_count", "vendor", "alertsite")).isEqualTo(1);
    }

    @Test
    void rejectedLoginIsCountedByOutcome() {
        PrometheusText before = scrape();

        this.http.get("/sessions/alertsite-rejected");

        PrometheusText after = scrape();
        assertThat(delta(before, after, "broker_login_attempts_total", "vendor", "alertsite-rejected", "outcome",
                "rejected"))
            .isEqualTo(1);
        assertThat(delta(before, after, "broker_login_latency_seconds_count", "vendor", "alertsite-rejected"))
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

        for (String result : List.of("hit", "miss", "waited")) {
            assertThat(scrape.value("broker_session_requests_total", "vendor", "alertsite-idle", "result", result))
                .isZero();
        }
        for (String reason : List.of("caller", "expiry", "proxy-401")) {
            assertThat(scrape.value("broker_refreshes_total", "vendor", "alertsite-idle", "reason", reason)).isZero();
        }
        for (String outcome : List.of("success", "rejected", "unusable", "transient", "timeout")) {
            assertThat(scrape.value("broker_login_attempts_total", "vendor", "alertsite-idle", "outcome", outcome))
                .isZero();
        }
        assertThat(scrape.value("broker_login_latency_seconds_count", "vendor", "alertsite-idle")).isZero();
        assertThat(scrape.value("broker_logins_paced_total", "vendor", "alertsite-idle")).isZero();
        assertThat(scrape.value("broker_proxy_replays_total", "vendor", "alertsite-idle")).isZero();
    }

    @Test
    void loginLatencyHasAFewFixedBucketsFromATenthOfASecondToThirtySeconds() {
        String body = this.http.get("/actuator/prometheus").body();

        List<String> buckets = body.lines()
            .filter((line) -> line.startsWith("broker_login_latency_seconds_bucket{")
                    && line.contains("vendor=\"alertsite-idle\""))
            .map((line) -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
            .toList();
        assertThat(buckets).containsExactly("0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "+Inf");
    }

    /** SPEC §7: at most ~30 broker series per vendor, so that 1,000 vendors stay scrapeable. */
    @Test
    void aVendorCostsAtMostThirtyBrokerSeries() {
        String body = this.http.get("/actuator/prometheus").body();

        List<String> series = body.lines()
            .filter((line) -> line.startsWith("broker_") && line.contains("vendor=\"alertsite-idle\""))
            .toList();
        assertThat(series).hasSizeLessThanOrEqualTo(30);
    }

    /**
     * Prometheus names are snake_case. Spring Security's observations would add names after
     * filter classes (spring_security_filterchains_AnonymousClientFilter_before_total) once
     * requests have passed the filter chain, as they have here.
     */
    @Test
    void noMetricNameIsCamelCase() {
        this.http.get("/sessions/alertsite");
        this.http.get("/sessions");

        List<String> names = this.http.get("/actuator/prometheus").body().lines()
            .filter((line) -> !line.isBlank() && !line.startsWith("#"))
            .map((line) -> line.split("[{ ]", 2)[0])
            .distinct()
            .toList();
        assertThat(names).isNotEmpty().allMatch((name) -> name.matches("[a-z_:][a-z0-9_:]*"));
        assertThat(names).noneMatch((name) -> name.startsWith("spring_security_"));
    }

    @Test
    void activeCoolDownsAreAGaugeTaggedWithTheApplication() {
        assertThat(scrape().value("broker_cooldowns_active", "application", "session-broker")).isZero();
    }

    @Test
    void everyVendorHasGaugesForSessionCoolDownHealthAndAgeBeforeAnyTraffic() {
        PrometheusText scrape = scrape();

        assertThat(scrape.value("broker_session_cached", "vendor", "alertsite-idle")).isZero();
        assertThat(scrape.value("broker_cooldown_active", "vendor", "alertsite-idle")).isZero();
        assertThat(scrape.value("broker_vendor_up", "vendor", "alertsite-idle")).isEqualTo(1);
        assertThat(scrape.value("broker_session_age_seconds", "vendor", "alertsite-idle")).isZero();
    }

    @Test
    void aCachedSessionShowsPerVendorAndAgesWithTheClock() {
        assertThat(this.http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        this.time.advance(Duration.ofSeconds(90));

        PrometheusText scrape = scrape();

        assertThat(scrape.value("broker_session_cached", "vendor", "alertsite")).isEqualTo(1);
        assertThat(scrape.value("broker_session_age_seconds", "vendor", "alertsite")).isEqualTo(90);
        assertThat(scrape.value("broker_vendor_up", "vendor", "alertsite")).isEqualTo(1);
        assertThat(scrape.value("broker_session_cached", "vendor", "alertsite-idle")).isZero();
    }

    @Test
    void aRejectedLoginShowsAsCoolDownAndDownForThatVendorOnly() {
        // 502 for the rejection itself, 503 if another test already started the cool-down.
        assertThat(this.http.get("/sessions/alertsite-rejected").statusCode()).isIn(502, 503);

        PrometheusText scrape = scrape();

        assertThat(scrape.value("broker_cooldown_active", "vendor", "alertsite-rejected")).isEqualTo(1);
        assertThat(scrape.value("broker_vendor_up", "vendor", "alertsite-rejected")).isZero();
        assertThat(scrape.value("broker_session_cached", "vendor", "alertsite-rejected")).isZero();
        assertThat(scrape.value("broker_cooldown_active", "vendor", "alertsite-idle")).isZero();
        assertThat(scrape.value("broker_vendor_up", "vendor", "alertsite-idle")).isEqualTo(1);
    }

    @Test
    void theLocalStoreIsAlwaysUp() {
        assertThat(scrape().value("broker_store_up", "store", "local")).isEqualTo(1);
    }

    /** The same eight buckets, so that a p99 across replicas is a histogram_quantile away. */
    @Test
    void handOutsAndProxiedCallsHaveEightFixedBucketsFromFiveMillisecondsToTenSeconds() {
        vendor.stubFor(get("/alertsite/bucketed").willReturn(okJson("{}")));
        this.http.get("/sessions/alertsite");
        this.http.get("/proxy/alertsite/bucketed");

        this.http.get("/actuator/prometheus");
        String body = this.http.get("/actuator/prometheus").body();

        List<String> expected = List.of("0.005", "0.025", "0.1", "0.25", "0.5", "1.0", "2.5", "10.0", "+Inf");
        assertThat(buckets(body, "http_server_requests_seconds_bucket{", "uri=\"/sessions/{vendor}\"",
                "status=\"200\"")).containsExactlyElementsOf(expected);
        assertThat(buckets(body, "broker_proxy_calls_seconds_bucket{", "vendor=\"alertsite\"", "status=\"2xx\""))
            .containsExactlyElementsOf(expected);
        // Not on the long-task timer of requests in flight.
        assertThat(body).doesNotContain("http_server_requests_active_seconds_bucket");
    }

    private static List<String> buckets(String body, String prefix, String... labels) {
        return body.lines()
            .filter((line) -> line.startsWith(prefix) && List.of(labels).stream().allMatch(line::contains))
            .map((line) -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
            .toList();
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
