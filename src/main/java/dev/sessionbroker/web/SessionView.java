package dev.sessionbroker.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.broker.Session;

/**
 * The JSON answer of {@code GET /sessions/{vendor}} and of a refresh. Instants are written as
 * {@link java.time.Instant#toString()}, the ISO-8601 form Jackson gives them by default.
 * {@code placement} says where the session goes on the caller's vendor calls.
 */
record SessionView(String vendor, String type, String sessionId, String obtainedAt,
        @Nullable PlacementView placement, String expiresAt) {

    /**
     * The answer up to the value of {@code expiresAt}, the only field that changes from one
     * hand-out of a session to the next: rendered by Jackson once per session, so that a cached
     * hand-out formats one instant instead of serializing the view (about 6 % of its CPU,
     * bench/RESULTS.md §12).
     */
    static String head(JsonMapper mapper, Session session, String type, @Nullable PlacementView placement) {
        String json = mapper.writeValueAsString(new SessionView(session.vendor(), type, session.sessionId(),
                session.obtainedAt().toString(), placement, ""));
        return json.substring(0, json.length() - "\"}".length());
    }

    @Override
    public String toString() {
        return "SessionView[vendor=" + this.vendor + ", session=" + "******" + "]";
    }
}
