package dev.sessionbroker.security;

import java.util.Locale;

/**
 * What an audit line records, as the {@code event} it names: one place for the names, so that
 * a new action is a new constant, not a string repeated wherever lines are written.
 */
public enum AuditAction {

    /** A session answered to {@code GET} (or {@code HEAD}) {@code /sessions/{vendor}}. */
    SESSION_HANDOUT,
    /** {@code POST /sessions/{vendor}/refresh}. */
    SESSION_REFRESH,
    /** {@code DELETE /sessions/{vendor}}. */
    SESSION_DELETE,
    /** A call through {@code /proxy/{vendor}/**}. */
    PROXY_CALL,
    /** A bearer token (or JWT) that proves no client. */
    AUTH_FAILURE,
    /** A wrong token refused during its address's back-off; coalesced per address. */
    AUTH_THROTTLED,
    /** A request without usable credentials; coalesced per address. */
    AUTH_MISSING,
    /** Rotated credentials of a vendor or a client applied. */
    CREDENTIALS_CHANGED,
    /** Every token of a client removed. */
    CREDENTIALS_REVOKED;

    private final String label = name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");

    /** The name in audit lines: {@code session.handout}, {@code auth.failure}, ... */
    public String label() {
        return this.label;
    }
}
