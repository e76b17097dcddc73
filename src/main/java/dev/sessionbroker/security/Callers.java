package dev.sessionbroker.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/** Who is calling, whichever way it authenticated. */
final class Callers {

    private Callers() {
    }

    /** The client behind a bearer token, a client certificate or the anonymous default; else null. */
    static @Nullable BrokerClient client(@Nullable Authentication authentication) {
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof BrokerClient client) {
            return client;
        }
        return null;
    }

    /** For audit lines and metric tags. */
    static String name(@Nullable Authentication authentication) {
        BrokerClient client = client(authentication);
        return (client != null) ? client.name() : AuthMetrics.NO_CLIENT;
    }

    /**
     * The {vendor} segment of a session or proxy path as sent, or null: for metric tags only,
     * which accept configured vendor names alone.
     */
    static @Nullable String vendorSegment(String path) {
        String rest = path.startsWith("/sessions/") ? path.substring("/sessions/".length())
                : path.startsWith("/proxy/") ? path.substring("/proxy/".length()) : null;
        if (rest == null || rest.isEmpty()) {
            return null;
        }
        int slash = rest.indexOf('/');
        return (slash >= 0) ? rest.substring(0, slash) : rest;
    }
}
