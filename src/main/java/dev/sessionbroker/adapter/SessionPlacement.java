package dev.sessionbroker.adapter;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;

/**
 * Where a proxied call carries the session (and what goes with it), as a vendor documents
 * it. Definitions say where; the proxy does the placing.
 */
public sealed interface SessionPlacement {

    /** A request header, e.g. AppViewX's {@code sessionId} or {@code Authorization: Bearer …}. */
    record Header(String name, String prefix) implements SessionPlacement {
    }

    /** A query parameter, e.g. Infinite Blue's {@code sessionId}. */
    record QueryParameter(String name) implements SessionPlacement {
    }

    /** A cookie; without a name the session already is a {@code name=value} pair. */
    record Cookie(@Nullable String name) implements SessionPlacement {
    }

    /**
     * A field of the JSON request body, with fields set beside it on every call (Revulytics
     * wants its {@code user}), replacing whatever the caller sent in them.
     */
    record JsonBodyFields(String sessionField, Map<String, String> fixedFields) implements SessionPlacement {
    }

    /** HTTP Basic with a fixed user name and the session as password (AlertSite). */
    record BasicAuth(String username) implements SessionPlacement {
    }

    /** A query parameter the vendor wants on every call whatever the session (AppViewX's gwkey). */
    record FixedQueryParameter(String name, Secret value) implements SessionPlacement {
    }
}
