package dev.sessionbroker.broker;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Where sessions, login locks, cool-downs and login times are kept: this process's memory
 * ({@link LocalSessionStore}) or Redis, shared by every replica. A store only loads, saves,
 * locks and publishes; deciding who logs in, when to wait and what a rejection means is
 * {@link SessionBroker}'s job alone, as Spring Security's authorized-client manager decides
 * and its repository stores. A shared store throws {@link DataAccessException} while it cannot
 * be reached.
 */
public interface SessionStore {

    /** Whether other replicas see these sessions: then a stopping replica must not end them. */
    boolean shared();

    /** The vendor's current session, or null; an unreadable entry counts as none. */
    @Nullable StoredSession read(String vendor);

    /**
     * Takes the vendor's login lock if it is free.
     * @return a new fence number, higher than any before it, or 0 if someone else holds the lock
     */
    long acquire(String vendor, String token, Duration lease);

    /**
     * Writes a session, only under the newest fence, so that a holder whose lease ran out can
     * never overwrite a newer session; releases the lock if still held.
     * @return whether it was written
     */
    boolean write(String vendor, long fence, String token, String sessionId, Instant obtainedAt, Duration ttl);

    void release(String vendor, String token);

    /** Extends the idle deadline, but only of this session. */
    void touch(String vendor, String sessionId, Duration ttl);

    void drop(String vendor);

    /** When the vendor's latest login started, on any replica that shares this store, or null. */
    @Nullable Instant lastLoginStart(String vendor);

    void loginStarting(String vendor, Instant at, Duration keep);

    /**
     * The cool-down a rejection of these credentials started, or null; cool-downs are kept by
     * a fingerprint of the credentials, so a replica that already has rotated ones is not held
     * back by the rejection of the old ones.
     */
    @Nullable StoredCoolDown readCoolDown(String vendor, String credentials);

    void writeCoolDown(String vendor, String credentials, StoredCoolDown coolDown, Duration ttl);

    /** Tells every replica that a vendor's session changed (null: none is current). */
    void publishChange(String vendor, @Nullable String fingerprint);

    /** Who hears {@link #publishChange}; the broker registers itself once. */
    void onChange(ChangeListener listener);

    @FunctionalInterface
    interface ChangeListener {

        /**
         * @param vendor the vendor
         * @param currentFingerprint fingerprint of the session now current, or null if none is
         */
        void changed(String vendor, @Nullable String currentFingerprint);
    }

    /**
     * A session as a store holds it: no credential, only the session and when it was obtained.
     *
     * @param sessionId the vendor's session ID (sensitive: see README, "Shared store")
     * @param obtainedAt wall-clock time of the login
     * @param generation the fence under which it was written; later logins have higher ones
     */
    record StoredSession(String sessionId, Instant obtainedAt, long generation) {

        @Override
        public String toString() {
            return "StoredSession[generation=" + this.generation + ", obtainedAt=" + this.obtainedAt + "]";
        }
    }

    /**
     * A rejected login, so that no replica with the same credentials tries again before
     * {@code until}; one that only asked for a one-time password still lets a login carrying
     * one through.
     */
    record StoredCoolDown(String vendorStatus, @Nullable String vendorMessage, Instant rejectedAt, Instant until,
            boolean awaitsOneTimePassword) {
    }
}
