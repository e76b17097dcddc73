package dev.sessionbroker.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * What was presented by a caller the broker refused, as the authentication of Spring
 * Security's failure events ({@code AbstractAuthenticationFailureEvent}): where it came from
 * and why it was refused, never the token itself.
 *
 * @see AuditAction#AUTH_FAILURE
 */
public final class RefusedCredentials extends AbstractAuthenticationToken {

    private final AuditAction action;

    private final String remote;

    private final @Nullable String reason;

    private final @Nullable String detail;

    private final String vendor;

    /**
     * @param action {@link AuditAction#AUTH_FAILURE}, {@link AuditAction#AUTH_THROTTLED} or
     * {@link AuditAction#AUTH_MISSING}
     * @param remote the caller's address (the peer, or what a trusted proxy named), as
     * {@link LogValues#safe} makes it
     * @param reason (failures) invalid-token, invalid-jwt, unknown-subject or jwt-keys-unavailable
     * @param detail (JWTs) why it was refused, as Spring Security says it, made safe
     * @param vendor the vendor the refused request named, unchecked, for the denial metric's tag
     * ({@link AuthMetrics} keeps configured names only); {@code none} if it named none
     */
    public RefusedCredentials(AuditAction action, String remote, @Nullable String reason, @Nullable String detail,
            String vendor) {
        super(List.of());
        this.action = action;
        this.remote = remote;
        this.reason = reason;
        this.detail = detail;
        this.vendor = vendor;
    }

    String vendor() {
        return this.vendor;
    }

    public AuditAction action() {
        return this.action;
    }

    public String remote() {
        return this.remote;
    }

    public @Nullable String reason() {
        return this.reason;
    }

    public @Nullable String detail() {
        return this.detail;
    }

    /** Not a client; the name audit and metrics use for a caller that proved none. */
    @Override
    public String getPrincipal() {
        return AuthMetrics.UNKNOWN_CLIENT;
    }

    /** The token is not kept. */
    @Override
    public @Nullable Object getCredentials() {
        return null;
    }
}
