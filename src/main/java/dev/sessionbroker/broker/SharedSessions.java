package dev.sessionbroker.broker;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * A store that replicas share (Redis): it only loads, saves, locks and publishes. Deciding
 * who logs in, when to wait and what a rejection means is {@link SharedSessionSource}'s job,
 * as Spring Security's authorized-client manager orchestrates and its repository stores.
 * Every method throws {@link DataAccessException} while the store cannot be reached.
 */
public interface SharedSessions {

    @Nullable SharedSession read(String vendor);

    /** Takes the vendor's login lock if free: a new fence number, or 0 if another replica holds it. */
    long acquire(String vendor, String token, long leaseMillis);

    /**
     * Writes a session, only under the newest fence: a replica whose lease ran out while it
     * was logging in can never overwrite a newer session. Releases the lock if still held.
     * @return whether it was written
     */
    boolean write(String vendor, long fence, String token, String sessionId, long obtainedAtMillis, long ttlMillis);

    void release(String vendor, String token);

    /** Extends the idle deadline, but only of this session. */
    void touch(String vendor, String sessionId, long ttlMillis);

    void drop(String vendor);

    @Nullable SharedCoolDown readCoolDown(String vendor);

    void writeCoolDown(String vendor, SharedCoolDown coolDown, long ttlMillis);

    void clearCoolDown(String vendor);

    /** Tells every replica that a vendor's session changed. */
    void publishChange(String vendor, @Nullable String fingerprint);
}
