package dev.sessionbroker.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.broker.VendorState;

/**
 * {@code broker.cooldowns.active}: how many vendors are refusing logins right now after a
 * rejected one. Computed from the broker's state when scraped, so it can never drift from it.
 * A {@link MeterBinder} rather than part of {@link BrokerMetrics} because the broker needs
 * its listeners to be built first.
 */
final class CoolDownGauge implements MeterBinder {

    private final SessionBroker broker;

    private final Clock clock;

    CoolDownGauge(SessionBroker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("broker.cooldowns.active", () -> count(this.broker.states(), this.clock.instant()))
            .description("Vendors in a cool-down after a rejected login (no login attempts until it ends)")
            .register(registry);
    }

    static int count(List<VendorState> states, Instant now) {
        int cooling = 0;
        for (VendorState state : states) {
            if (VendorHealth.isCoolingDown(state, now)) {
                cooling++;
            }
        }
        return cooling;
    }
}
