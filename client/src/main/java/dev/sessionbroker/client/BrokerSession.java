package dev.sessionbroker.client;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A vendor session as the broker hands it out ({@code GET /sessions/{vendor}} and the refresh).
 * Its {@code toString()} never shows the session ID: it is as good as a password while it lives.
 *
 * @param expiresAt until when the broker hands this session out if nobody asks again
 * @param placement where the session goes on calls to the vendor; null from a broker that
 * predates it
 */
// Fields the broker adds later must not break callers built against this version.
@JsonIgnoreProperties(ignoreUnknown = true)
public record BrokerSession(String vendor, String type, String sessionId, Instant obtainedAt, Instant expiresAt,
        @Nullable Placement placement) {

    @Override
    public String toString() {
        return "BrokerSession[vendor=" + this.vendor + ", type=" + this.type + ", sessionId=******, expiresAt="
                + this.expiresAt + ", placement=" + this.placement + "]";
    }
}
