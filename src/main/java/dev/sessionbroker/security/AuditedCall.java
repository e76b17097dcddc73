package dev.sessionbroker.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * One audited request under way: what it is and, once known, the fingerprint of the
 * session involved. Lives as a request attribute from the security filter to the
 * (possibly asynchronous) end of the answer.
 */
final class AuditedCall {

    private static final String ATTRIBUTE = AuditedCall.class.getName();

    private final String event;

    private final String client;

    private final String vendor;

    private volatile @Nullable String sessionFingerprint;

    private AuditedCall(String event, String client, String vendor) {
        this.event = event;
        this.client = client;
        this.vendor = vendor;
    }

    /**
     * The audited event a request is, or null: hand-out, refresh and delete of a session,
     * and proxied calls.
     */
    static @Nullable String eventOf(String method, String path) {
        if (path.startsWith("/proxy/")) {
            return "proxy.call";
        }
        if (!path.startsWith("/sessions/")) {
            return null;
        }
        boolean refresh = path.endsWith("/refresh") && path.indexOf('/', "/sessions/".length()) == path.length() - 8;
        if (refresh) {
            return "POST".equals(method) ? "session.refresh" : null;
        }
        if (path.indexOf('/', "/sessions/".length()) >= 0) {
            return null;
        }
        return switch (method) {
            case "GET" -> "session.handout";
            case "DELETE" -> "session.delete";
            default -> null;
        };
    }

    static AuditedCall start(HttpServletRequest request, String event, String client, String vendor) {
        AuditedCall call = new AuditedCall(event, client, vendor);
        request.setAttribute(ATTRIBUTE, call);
        return call;
    }

    static @Nullable AuditedCall of(HttpServletRequest request) {
        return (request.getAttribute(ATTRIBUTE) instanceof AuditedCall call) ? call : null;
    }

    void sessionFingerprint(@Nullable String fingerprint) {
        this.sessionFingerprint = fingerprint;
    }

    @Nullable String sessionFingerprint() {
        return this.sessionFingerprint;
    }

    String event() {
        return this.event;
    }

    String client() {
        return this.client;
    }

    String vendor() {
        return this.vendor;
    }
}
