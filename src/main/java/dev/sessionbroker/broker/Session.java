package dev.sessionbroker.broker;

import java.time.Duration;
import java.time.Instant;

import dev.sessionbroker.adapter.SessionFingerprint;
import dev.sessionbroker.adapter.VendorSettings;

/**
 * A vendor session as the broker holds it.
 *
 * @param vendor the configured vendor name
 * @param sessionId the vendor's session ID
 * @param obtainedAt wall-clock time of the login, for callers
 * @param obtainedAtTick {@link com.github.benmanes.caffeine.cache.Ticker} reading of the
 * login, for lifetime arithmetic on the same time base as the cache
 * @param lifetimeNanos how long after the login the session lasts by itself, less a margin
 * (a JWT's {@code exp}); {@link Long#MAX_VALUE} where only use and the idle rule tell
 */
public record Session(String vendor, String sessionId, Instant obtainedAt, long obtainedAtTick, long lifetimeNanos) {

    /** A session ends this long before its own end at most, so that no caller gets one about to die. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    /** A session of this vendor, with the lifetime its adapter reads from it. */
    static Session of(VendorSettings vendor, String sessionId, Instant obtainedAt, long obtainedAtTick) {
        Instant end = vendor.adapter().sessionEnd(sessionId);
        long lifetime = Long.MAX_VALUE;
        if (end != null) {
            Duration life = Duration.between(obtainedAt, end);
            // Half of a short life, so that a token valid for a minute is still handed out.
            Duration margin = life.dividedBy(2).compareTo(MARGIN) < 0 ? life.dividedBy(2) : MARGIN;
            lifetime = Math.max(0, life.minus(margin).toNanos());
        }
        return new Session(vendor.name(), sessionId, obtainedAt, obtainedAtTick, lifetime);
    }

    public String fingerprint() {
        return SessionFingerprint.of(this.sessionId);
    }

    @Override
    public String toString() {
        return "Session[vendor=" + this.vendor + ", session=" + fingerprint() + ", obtainedAt=" + this.obtainedAt + "]";
    }
}
