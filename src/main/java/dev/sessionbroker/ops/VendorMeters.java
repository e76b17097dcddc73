package dev.sessionbroker.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one vendor, created once per (vendor, label) and then reused, because
 * {@code sessionRequested} runs on every {@code GET /sessions/{vendor}}: the hot path is a
 * map read and an increment, with no registry lookup and no tag allocation.
 */
final class VendorMeters {

    static final List<String> OUTCOMES = List.of("success", "rejected", "unusable", "transient", "timeout");

    static final List<String> REQUEST_RESULTS = List.of("hit", "miss", "waited");

    static final List<String> REFRESH_REASONS = List.of("caller", "expiry", "proxy-401");

    /**
     * Upper bounds of the login latency buckets. Few and fixed, so that a vendor costs 12
     * latency series (8 buckets, +Inf, count, sum, max) instead of the 64 per outcome that a
     * percentile histogram publishes; from a fast vendor's answer to a read timeout.
     */
    static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final String vendor;

    private final MeterRegistry registry;

    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();

    private final Timer latency;

    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    private final Map<String, Counter> refreshes = new ConcurrentHashMap<>();

    private final Counter paced;

    private final Counter replays;

    /** Registers every known label up front, so dashboards see zeros instead of gaps. */
    VendorMeters(String vendor, MeterRegistry registry) {
        this.vendor = vendor;
        this.registry = registry;
        OUTCOMES.forEach((outcome) -> this.attempts.put(outcome, attemptsCounter(outcome)));
        this.latency = latencyTimer();
        REQUEST_RESULTS.forEach((result) -> this.requests.put(result, requestsCounter(result)));
        REFRESH_REASONS.forEach((reason) -> this.refreshes.put(reason, refreshesCounter(reason)));
        this.paced = Counter.builder("broker.logins.paced")
            .description("Logins that waited for the vendor's min-login-interval since the one before")
            .tags("vendor", vendor)
            .register(registry);
        this.replays = Counter.builder("broker.proxy.replays")
            .description("Proxied calls replayed once after a session refresh")
            .tags("vendor", vendor)
            .register(registry);
    }

    void proxyReplayed() {
        this.replays.increment();
    }

    void loginPaced() {
        this.paced.increment();
    }

    void loginFinished(String outcome, Duration latency) {
        Counter counter = this.attempts.get(outcome);
        if (counter == null) {
            counter = this.attempts.computeIfAbsent(outcome, this::attemptsCounter);
        }
        counter.increment();
        this.latency.record(latency);
    }

    void sessionRequested(String result) {
        Counter counter = this.requests.get(result);
        if (counter == null) {
            counter = this.requests.computeIfAbsent(result, this::requestsCounter);
        }
        counter.increment();
    }

    void refreshStarted(String reason) {
        Counter counter = this.refreshes.get(reason);
        if (counter == null) {
            counter = this.refreshes.computeIfAbsent(reason, this::refreshesCounter);
        }
        counter.increment();
    }

    private Counter attemptsCounter(String outcome) {
        return Counter.builder("broker.login.attempts")
            .description("Vendor login requests, by outcome")
            .tags("vendor", this.vendor, "outcome", outcome)
            .register(this.registry);
    }

    private Timer latencyTimer() {
        // Buckets so that Prometheus can compute quantiles across replicas. Not tagged by
        // outcome: that would multiply the buckets by five, and broker.login.attempts
        // already counts each outcome.
        return Timer.builder("broker.login.latency")
            .description("How long vendor login requests took, whatever their outcome")
            .tags("vendor", this.vendor)
            .serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
            .register(this.registry);
    }

    private Counter requestsCounter(String result) {
        return Counter.builder("broker.session.requests")
            .description("Session requests by callers: hit (cached), miss (started a login), waited (joined one)")
            .tags("vendor", this.vendor, "result", result)
            .register(this.registry);
    }

    private Counter refreshesCounter(String reason) {
        return Counter.builder("broker.refreshes")
            .description("Logins started to replace a session, by reason")
            .tags("vendor", this.vendor, "reason", reason)
            .register(this.registry);
    }
}
