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
 * against what the client may do.
 */
final class VendorAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final BiPredicate<BrokerClient, String> rule;

    private VendorAccess(BiPredicate<BrokerClient, String> rule) {
        this.rule = rule;
    }

    /** Take the session, proxy to the vendor: only clients allowed the vendor. */
    static VendorAccess use() {
        return new VendorAccess(BrokerClient::mayUse);
    }

    /** Refresh or drop the session every caller of the vendor shares: allowed clients and admins. */
    static VendorAccess manage() {
        return new VendorAccess(BrokerClient::mayManage);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
            RequestAuthorizationContext context) {
        String vendor = context.getVariables().get("vendor");
        BrokerClient client = Callers.client(authentication.get());
        boolean granted = vendor != null && client != null && this.rule.test(client, vendor);
        return new VendorDecision(granted, vendor);
    }

    /** Carries the vendor to the 403 answer and the denial metric. */
    static final class VendorDecision extends AuthorizationDecision {

        private final @Nullable String vendor;

        VendorDecision(boolean granted, @Nullable String vendor) {
            super(granted);
            this.vendor = vendor;
        }

        @Nullable String vendor() {
            return this.vendor;
        }
    }
}
