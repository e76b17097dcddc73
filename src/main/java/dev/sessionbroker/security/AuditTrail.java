package dev.sessionbroker.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the session API tells the audit: which session an answer hands out, by its
 * fingerprint, never the session ID. The line itself is written once the answer is complete
 * (its status known) by {@link AuditFilter}.
 */
public final class AuditTrail {

    private AuditTrail() {
    }

    /** The answer to this request hands out the session with this fingerprint. */
    public static void handsOut(HttpServletRequest request, String sessionFingerprint) {
        AuditedCall call = AuditedCall.of(request);
        if (call != null) {
            call.sessionFingerprint(sessionFingerprint);
        }
    }
}
