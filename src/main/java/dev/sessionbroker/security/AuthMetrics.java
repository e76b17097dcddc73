package dev.sessionbroker.security;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;

import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.security.VendorAccess.VendorDecision;

/**
 * {@code broker.auth.denials} by client and vendor, {@code broker.auth.failures} by reason,
 * from Spring Security's events: the refusals of the broker's filters
 * ({@link RefusedCredentials}) and its authorization denials.
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

    @EventListener
    void authenticationFailed(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof RefusedCredentials refused)) {
            return;
        }
        if (refused.action() == AuditAction.AUTH_MISSING) {
            denied(NO_CLIENT, refused.vendor());
            return;
        }
        failed(String.valueOf(refused.reason()));
        // The issuer's keys out of reach is not the caller's failure: a 503, not a denial.
        if (!JwtCallers.Verdict.KEYS_UNAVAILABLE.equals(refused.reason())) {
            denied(UNKNOWN_CLIENT, refused.vendor());
        }
    }

    @EventListener
    void authorizationDenied(AuthorizationDeniedEvent<?> event) {
        Authentication authentication = event.getAuthentication().get();
        String client = BrokerClient.nameOf((authentication != null
                && authentication.getPrincipal() instanceof BrokerClient caller) ? caller : null);
        String vendor = (event.getAuthorizationResult() instanceof VendorDecision decision) ? decision.vendor() : null;
        denied(client, (vendor != null) ? vendor : NO_VENDOR);
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
