package dev.sessionbroker.ops;

import java.time.Clock;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.broker.VendorState;

/** The health of one configured vendor, read from the broker's state only. */
final class VendorHealthIndicator implements HealthIndicator {

    private final SessionBroker broker;

    private final String vendor;

    private final Clock clock;

    VendorHealthIndicator(SessionBroker broker, String vendor, Clock clock) {
        this.broker = broker;
        this.vendor = vendor;
        this.clock = clock;
    }

    @Override
    public Health health() {
        for (VendorState state : this.broker.states()) {
            if (state.vendor().equals(this.vendor)) {
                return VendorHealth.of(state, this.clock.instant());
            }
        }
        // Vendors are fixed at start-up, so this means the configuration and broker disagree.
        return Health.unknown().withDetail("session", "none").build();
    }
}
