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

    /**
     * A session as the shared store holds it: no credential, only the session and when it was obtained.
     *
     * @param sessionId the vendor's session ID (sensitive: see README, "Shared store")
     * @param obtainedAtMillis wall-clock time of the login
     * @param generation the lock fence under which it was written; later logins have higher ones
     */
    record SharedSession(String sessionId, long obtainedAtMillis, long generation) {

        @Override
        public String toString() {
            return "SharedSession[generation=" + this.generation + ", obtainedAtMillis=" + this.obtainedAtMillis + "]";
        }
    }

    /** A rejected login as the shared store holds it, so that no replica tries again before {@code untilMillis}. */
    record SharedCoolDown(String vendorStatus, @Nullable String vendorMessage, long rejectedAtMillis,
            long untilMillis) {
    }
}
