package dev.sessionbroker.security;

import java.util.function.BiPredicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Per-vendor authorization of {@code /sessions/{vendor}} and {@code /proxy/{vendor}/**}:
 * the {vendor} path variable, decoded exactly as Spring MVC decodes it for the handler,
 * against what the client may do. Each rule knows what its routes are for
 * ({@link AuditAction}): a refusal's {@link VendorDecision} tells the audit which action on
 * which vendor was refused, through Spring Security's {@code AuthorizationDeniedEvent}.
 */
public final class VendorAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final BiPredicate<BrokerClient, String> rule;

    private final AuditAction action;

    private VendorAccess(BiPredicate<BrokerClient, String> rule, AuditAction action) {
        this.rule = rule;
        this.action = action;
    }

    /** Take the session, proxy to the vendor: only clients allowed the vendor. */
    static VendorAccess use(AuditAction action) {
        return new VendorAccess(BrokerClient::mayUse, action);
    }

    /** Refresh or drop the session every caller of the vendor shares: allowed clients and admins. */
    static VendorAccess manage(AuditAction action) {
        return new VendorAccess(BrokerClient::mayManage, action);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
            RequestAuthorizationContext context) {
        String vendor = context.getVariables().get("vendor");
        BrokerClient client = Callers.client(authentication.get());
        boolean granted = vendor != null && client != null && this.rule.test(client, vendor);
        return new VendorDecision(granted, vendor, this.action);
    }

    /**
     * Carries the vendor (the path variable as decoded for routing) to the 403 answer, the
     * denial metric and the audit, with the action refused.
     */
    public static final class VendorDecision extends AuthorizationDecision {

        private final @Nullable String vendor;

        private final AuditAction action;

        VendorDecision(boolean granted, @Nullable String vendor, AuditAction action) {
            super(granted);
            this.vendor = vendor;
            this.action = action;
        }

        public @Nullable String vendor() {
            return this.vendor;
        }

        public AuditAction action() {
            return this.action;
        }
    }
}
