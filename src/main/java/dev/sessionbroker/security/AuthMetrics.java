package dev.sessionbroker.security;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.sessionbroker.adapter.Vendors;

/**
 * {@code broker.auth.denials} by client and vendor, {@code broker.auth.failures} by reason.
 * Tags come from configuration only (client names, vendor names, "anonymous", "unknown",
 * "none"), never from what a caller sent, so cardinality is bounded.
 */
final class AuthMetrics {

    static final String NO_CLIENT = "anonymous";

    static final String UNKNOWN_CLIENT = "unknown";

    static final String NO_VENDOR = "none";

    private final MeterRegistry registry;

    private final Vendors vendors;

    private final Set<String> clients;

    AuthMetrics(MeterRegistry registry, Vendors vendors, Set<String> clients) {
        this.registry = registry;
        this.vendors = vendors;
        this.clients = Set.copyOf(clients);
    }

    /**
     * A request refused for want of authentication or authorization.
     * @param client the client name, {@link #NO_CLIENT} or {@link #UNKNOWN_CLIENT}
     * @param vendor the vendor named in the path, whatever the caller wrote
     */
    void denied(String client, String vendor) {
        Counter.builder("broker.auth.denials")
            .description("Requests refused (401, 403, 429) by client and vendor")
            .tag("client", this.clients.contains(client) ? client : (NO_CLIENT.equals(client) ? NO_CLIENT : UNKNOWN_CLIENT))
            .tag("vendor", (this.vendors.find(vendor) != null) ? vendor : NO_VENDOR)
            .register(this.registry)
            .increment();
    }

    /**
     * @param reason invalid-token (a token that matches no client), invalid-jwt (expired, another
     * audience or issuer, bad signature), unknown-subject (a valid JWT of no client),
     * jwt-keys-unavailable (the issuer's keys could not be fetched) or throttled (tried while
     * backing off)
     */
    void failed(String reason) {
        Counter.builder("broker.auth.failures")
            .description("Failed authentications, by reason")
            .tag("reason", reason)
            .register(this.registry)
            .increment();
    }
}
