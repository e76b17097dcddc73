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
}
