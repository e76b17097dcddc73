package dev.sessionbroker.broker;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Expiry;

import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.config.Vendors;

/**
 * Each vendor's own expiry rule for Caffeine: a session lives for the idle timeout after its
 * last hand-out, and never past the optional max-lifetime since its login. Every hand-out
 * is a cache read, so reads are what push the idle deadline forward.
 */
final class SessionExpiry implements Expiry<String, Session> {

    private final Vendors vendors;

    SessionExpiry(Vendors vendors) {
        this.vendors = vendors;
    }

    @Override
    public long expireAfterCreate(String vendor, Session session, long currentTime) {
        return remainingNanos(vendor, session, currentTime);
    }

    @Override
    public long expireAfterUpdate(String vendor, Session session, long currentTime, long currentDuration) {
        return remainingNanos(vendor, session, currentTime);
    }

    @Override
    public long expireAfterRead(String vendor, Session session, long currentTime, long currentDuration) {
        return remainingNanos(vendor, session, currentTime);
    }

    /** How long from {@code now} (ticker nanos) the session may still be handed out. */
    long remainingNanos(String vendor, Session session, long now) {
        VendorSettings settings = this.vendors.find(vendor);
        if (settings == null) {
            return 0;
        }
        long idle = settings.idleTimeout().toNanos();
        Duration maxLifetime = settings.maxLifetime();
        if (maxLifetime == null) {
            return idle;
        }
        long lifetimeLeft = maxLifetime.toNanos() - (now - session.obtainedAtTick());
        return Math.max(0, Math.min(idle, lifetimeLeft));
    }
}
