package dev.sessionbroker.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;

/**
 * Health and metrics wiring. The health groups that Kubernetes probes (liveness, readiness)
 * leave the {@code vendors} contributor out, in application.yaml: one vendor's outage must
 * not take the broker out of service for the others.
 */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** Named {@code vendors} in /actuator/health: one component per configured vendor. */
    @Bean
    CompositeHealthContributor vendorsHealthContributor(SessionBroker broker, Vendors vendors, Clock clock) {
        Map<String, HealthContributor> contributors = new LinkedHashMap<>();
        for (VendorSettings vendor : vendors.all()) {
            HealthIndicator health = () -> VendorHealth.of(broker.state(vendor.name()), clock.instant());
            contributors.put(vendor.name(), health);
        }
        return CompositeHealthContributor.fromMap(contributors);
    }

    /**
     * Spring Security's filter-chain observations become meters named after filter classes
     * ({@code spring_security_filterchains_AnonymousClientFilter_before_total}): camelCase
     * names that break Prometheus conventions, one series per filter and request. The
     * broker's own {@code broker.auth.*} meters count what matters about callers.
     */
    @Bean
    MeterFilter denySpringSecurityMeters() {
        return MeterFilter.denyNameStartsWith("spring.security.");
    }

    /**
     * The eight buckets of {@code broker.proxy.calls} on {@code http.server.requests} too, so
     * that Prometheus can compute the p99 of hand-outs across replicas. On every URI: the
     * Prometheus registry fails the whole scrape when one name is a histogram for some tags
     * and a summary for others. Not Boot's
     * {@code management.metrics.distribution.slo.http.server.requests}: it matches by name
     * prefix, so it would also turn the long-task timer {@code http.server.requests.active}
     * into a gauge histogram of 11 more series per URI.
     */
    @Bean
    MeterFilter httpServerRequestBuckets() {
        double[] nanos = Arrays.stream(BrokerMetrics.CALL_BUCKETS).mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !"http.server.requests".equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }

    @Bean
    BrokerMetrics brokerMetrics(MeterRegistry registry, Vendors vendors) {
        return new BrokerMetrics(registry, vendors);
    }

    /**
     * {@code broker.cooldowns.active}, computed from the broker's state when scraped, so it can
     * never drift from it. A binder of its own rather than part of {@link BrokerMetrics}
     * because the broker needs its listeners to be built first.
     */
    @Bean
    MeterBinder coolDownGauge(SessionBroker broker, Clock clock) {
        return (registry) -> Gauge.builder("broker.cooldowns.active",
                () -> VendorHealth.coolingDown(broker.states(), clock.instant()))
            .description("Vendors in a cool-down after a rejected login (no login attempts until it ends)")
            .register(registry);
    }

    /** {@code broker.session.cached}, {@code broker.cooldown.active}, {@code broker.vendor.up}, {@code broker.session.age}. */
    @Bean
    VendorGauges vendorGauges(SessionBroker broker, Vendors vendors, Clock clock) {
        return new VendorGauges(broker, vendors, clock);
    }

    /**
     * {@code broker.store.up} for the store in this process's memory, which cannot be out of
     * reach; with {@code broker.store: redis} the store registers its own
     * ({@code store.StoreConfiguration}), so that every broker has one and alerts and
     * dashboards need no special case.
     */
    @Bean
    @ConditionalOnProperty(name = "broker.store", havingValue = "local", matchIfMissing = true)
    MeterBinder localStoreUpGauge() {
        return (registry) -> Gauge.builder("broker.store.up", () -> 1)
            .description("1 while the session store is reachable, else 0 (always 1 for the local store)")
            .tag("store", "local")
            .register(registry);
    }
}
