package dev.sessionbroker.ops;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.sessionbroker.broker.BrokerListener.LoginOutcome;
import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.BrokerListener.RequestResult;

/**
 * The meters of one vendor, every label registered up front (so dashboards see zeros instead
 * of gaps) and then reused, because {@code sessionRequested} runs on every
 * {@code GET /sessions/{vendor}}: the hot path is an array read and an increment, with no
 * registry lookup and no tag allocation. The arrays are indexed by the labels' enum ordinals.
 */
final class VendorMeters {

    /**
     * Upper bounds of the login latency buckets. Few and fixed, so that a vendor costs 12
     * latency series (8 buckets, +Inf, count, sum, max) instead of the 64 per outcome that a
     * percentile histogram publishes; from a fast vendor's answer to a read timeout.
     */
    private static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final Counter[] attempts;

    private final Timer latency;

    private final Counter[] requests;

    private final Counter[] refreshes;

    private final Counter paced;

    private final Counter replays;

    VendorMeters(String vendor, MeterRegistry registry) {
        this.attempts = counters("broker.login.attempts", "Vendor login requests, by outcome", vendor, "outcome",
                LoginOutcome.values(), LoginOutcome::label, registry);
        // Buckets so that Prometheus can compute quantiles across replicas. Not tagged by
        // outcome: that would multiply the buckets by five, and broker.login.attempts
        // already counts each outcome.
        this.latency = Timer.builder("broker.login.latency")
            .description("How long vendor login requests took, whatever their outcome")
            .tags("vendor", vendor)
            .serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
            .register(registry);
        this.requests = counters("broker.session.requests",
                "Session requests by callers: hit (cached), miss (started a login), waited (joined one)", vendor,
                "result", RequestResult.values(), RequestResult::label, registry);
        this.refreshes = counters("broker.refreshes", "Logins started to replace a session, by reason", vendor,
                "reason", RefreshReason.values(), RefreshReason::label, registry);
        this.paced = Counter.builder("broker.logins.paced")
            .description("Logins that waited for the vendor's min-login-interval since the one before")
            .tags("vendor", vendor)
            .register(registry);
        this.replays = Counter.builder("broker.proxy.replays")
            .description("Proxied calls replayed once after a session refresh")
            .tags("vendor", vendor)
            .register(registry);
    }

    /** One counter per label, at its enum's ordinal. */
    private static <E extends Enum<E>> Counter[] counters(String name, String description, String vendor, String tag,
            E[] labels, Function<E, String> label, MeterRegistry registry) {
        Counter[] counters = new Counter[labels.length];
        for (E value : labels) {
            counters[value.ordinal()] = Counter.builder(name)
                .description(description)
                .tags("vendor", vendor, tag, label.apply(value))
                .register(registry);
        }
        return counters;
    }

    void proxyReplayed() {
        this.replays.increment();
    }

    void loginPaced() {
        this.paced.increment();
    }

    void loginFinished(LoginOutcome outcome, Duration latency) {
        this.attempts[outcome.ordinal()].increment();
        this.latency.record(latency);
    }

    void sessionRequested(RequestResult result) {
        this.requests[result.ordinal()].increment();
    }

    void refreshStarted(RefreshReason reason) {
        this.refreshes[reason.ordinal()].increment();
    }
}
