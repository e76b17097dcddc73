package dev.sessionbroker.broker;


import com.github.benmanes.caffeine.cache.Expiry;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;

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

    /**
     * Measured from the login, not from {@code currentTime}: Caffeine computes this when it
     * notices the login future completed, which can be after the first caller already got
     * the session.
     */
    @Override
    public long expireAfterCreate(String vendor, Session session, long currentTime) {
        return remainingNanos(vendor, session, session.obtainedAtTick(), currentTime);
    }

    @Override
    public long expireAfterUpdate(String vendor, Session session, long currentTime, long currentDuration) {
        return expireAfterCreate(vendor, session, currentTime);
    }

    /** A read is a hand-out, and a hand-out is a use: the idle timeout starts again. */
    @Override
    public long expireAfterRead(String vendor, Session session, long currentTime, long currentDuration) {
        return remainingNanos(vendor, session, currentTime, currentTime);
    }

    /**
     * Nanoseconds from {@code now} until the session may no longer be handed out, given its
     * last use (all readings of the cache's ticker).
     */
    long remainingNanos(String vendor, Session session, long lastUse, long now) {
        VendorSettings settings = this.vendors.find(vendor);
        return (settings != null) ? settings.remainingNanos(session.obtainedAtTick(), lastUse, now, session.lifetimeNanos()) : 0;
    }
}
