package dev.sessionbroker.broker;

import java.time.Instant;

import dev.sessionbroker.adapter.SessionFingerprint;

/**
 * A vendor session as the broker holds it.
 *
 * @param vendor the configured vendor name
 * @param sessionId the vendor's session ID
 * @param obtainedAt wall-clock time of the login, for callers
 * @param obtainedAtTick {@link com.github.benmanes.caffeine.cache.Ticker} reading of the
 * login, for lifetime arithmetic on the same time base as the cache
 */
public record Session(String vendor, String sessionId, Instant obtainedAt, long obtainedAtTick) {

    public String fingerprint() {
        return SessionFingerprint.of(this.sessionId);
    }

    @Override
    public String toString() {
        return "Session[vendor=" + this.vendor + ", session=" + fingerprint() + ", obtainedAt=" + this.obtainedAt + "]";
    }
}
