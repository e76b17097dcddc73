package dev.sessionbroker.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.broker.VendorState;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;

/**
 * What is wrong with a vendor, per vendor and right now: whether a session is cached, whether
 * a cool-down holds logins back, whether its health is UP, how old its session is. Computed
 * from the broker's state when scraped (a quiet read: it neither uses a session nor logs in),
 * so they can never drift from {@code /actuator/health} and {@code GET /sessions}. Four series
 * per vendor.
 */
final class VendorGauges implements MeterBinder {

    private final SessionBroker broker;

    private final Vendors vendors;

    private final Clock clock;

    VendorGauges(SessionBroker broker, Vendors vendors, Clock clock) {
        this.broker = broker;
        this.vendors = vendors;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (VendorSettings vendor : this.vendors.all()) {
            String name = vendor.name();
            gauge(registry, "broker.session.cached", name, "1 while a session for the vendor is cached, else 0",
                    (state) -> state.sessionCached() ? 1 : 0);
            gauge(registry, "broker.cooldown.active", name,
                    "1 while the vendor is in a cool-down after a rejected login (no logins until it ends), else 0",
                    (state) -> VendorHealth.isCoolingDown(state, this.clock.instant()) ? 1 : 0);
            gauge(registry, "broker.vendor.up", name,
                    "1 while the vendor's health is UP, 0 while DOWN (cool-down, or its latest login failed)",
                    (state) -> VendorHealth.isDown(state, this.clock.instant()) ? 0 : 1);
            Gauge.builder("broker.session.age", () -> age(this.broker.state(name), this.clock.instant()))
                .description("Age of the vendor's cached session since its login; 0 when none is cached")
                .tag("vendor", name)
                .baseUnit("seconds")
                .register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String meter, String vendor, String description,
            ToDoubleFunction<VendorState> value) {
        Gauge.builder(meter, () -> value.applyAsDouble(this.broker.state(vendor)))
            .description(description)
            .tag("vendor", vendor)
            .register(registry);
    }

    private static double age(VendorState state, Instant now) {
        Instant obtainedAt = state.obtainedAt();
        if (!state.sessionCached() || obtainedAt == null || obtainedAt.isAfter(now)) {
            return 0;
        }
        return Duration.between(obtainedAt, now).toMillis() / 1000.0;
    }
}
