package dev.sessionbroker.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.event.EventListener;

import dev.sessionbroker.broker.BrokerListener;
import dev.sessionbroker.broker.BrokerListener.LoginOutcome;
import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.BrokerListener.RequestResult;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.proxy.ProxyCallCompleted;
import dev.sessionbroker.adapter.Vendors;

/**
 * Records broker events as Micrometer meters. Vendor names come from the configuration only
 * (the broker rejects unknown names before any event), so tag cardinality is bounded.
 */
final class BrokerMetrics implements BrokerListener {

    /**
     * Upper bounds of the proxied-call latency buckets, and of {@code http.server.requests}
     * ({@link OpsConfiguration}): few and fixed, so that a quantile across replicas costs 9
     * series more per (vendor, method, status class) in use, not the 64 of a percentile
     * histogram; from an answer out of a nearby vendor to a read timeout.
     */
    static final Duration[] CALL_BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(10) };

    private final MeterRegistry registry;

    private final Map<String, VendorMeters> byVendor = new ConcurrentHashMap<>();

    BrokerMetrics(MeterRegistry registry, Vendors vendors) {
        this.registry = registry;
        for (VendorSettings vendor : vendors.all()) {
            this.byVendor.put(vendor.name(), new VendorMeters(vendor.name(), registry));
        }
    }

    @Override
    public void loginFinished(String vendor, LoginOutcome outcome, Duration latency, int attempt) {
        meters(vendor).loginFinished(outcome, latency);
    }

    @Override
    public void sessionRequested(String vendor, RequestResult result) {
        meters(vendor).sessionRequested(result);
    }

    @Override
    public void refreshStarted(String vendor, RefreshReason reason) {
        meters(vendor).refreshStarted(reason);
    }

    @Override
    public void loginPaced(String vendor, Duration waited) {
        meters(vendor).loginPaced();
    }

    /**
     * Proxied calls are not on the session hot path and their (method, status) pairs are
     * open-ended, so their meters are looked up in the registry per call.
     */
    @EventListener
    void proxyCallCompleted(ProxyCallCompleted call) {
        String vendor = call.vendor();
        String method = call.method();
        int status = call.status();
        Duration latency = call.latency();
        boolean replayed = call.replayed();
        Timer.builder("broker.proxy.calls")
            .description("Proxied calls and their latency, by vendor, method and status class")
            .tag("vendor", vendor)
            .tag("method", method)
            .tag("status", (status >= 100) ? (status / 100) + "xx" : "none")
            .serviceLevelObjectives(CALL_BUCKETS)
            .register(this.registry)
            .record(latency);
        if (replayed) {
            meters(vendor).proxyReplayed();
        }
    }

    private VendorMeters meters(String vendor) {
        VendorMeters meters = this.byVendor.get(vendor);
        if (meters == null) {
            meters = this.byVendor.computeIfAbsent(vendor, (name) -> new VendorMeters(name, this.registry));
        }
        return meters;
    }
}
