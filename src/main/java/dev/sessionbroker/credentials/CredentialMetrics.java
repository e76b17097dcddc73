package dev.sessionbroker.credentials;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code broker.credentials.reloads{outcome}}: changes applied and changes refused. */
public final class CredentialMetrics {

    private final Counter applied;

    private final Counter rejected;

    public CredentialMetrics(MeterRegistry registry) {
        this.applied = counter(registry, "applied");
        this.rejected = counter(registry, "rejected");
    }

    void applied() {
        this.applied.increment();
    }

    void rejected() {
        this.rejected.increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("broker.credentials.reloads")
            .description("Rotated credentials read from config trees: applied, or rejected and the old ones kept")
            .tag("outcome", outcome)
            .register(registry);
    }
}
