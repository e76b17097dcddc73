package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

import dev.sessionbroker.broker.SessionStore.ChangeListener;
import dev.sessionbroker.broker.SessionStore.StoredCoolDown;
import dev.sessionbroker.broker.SessionStore.StoredSession;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.SessionFingerprint;
import dev.sessionbroker.adapter.VendorSettings;

/**
 * The login gate of every vendor, behind {@link SessionBroker}'s near-cache: the one place
 * where a vendor login is decided and made. A session the store already holds answers the
 * request unless it is the one a caller saw rejected; otherwise the holder of the store's
 * lock logs in, once its cool-down check and pacing allow, while everyone else polls until
 * the session appears or the lock's lease runs out. With a shared store that is out of
 * reach, the same steps run over a store in this process's memory.
 */
final class LoginGate {

    private static final Logger log = LoggerFactory.getLogger(LoginGate.class);

    private static final long FIRST_POLL_MILLIS = 25;

    private static final long MAX_POLL_MILLIS = 400;

    /** How far another replica's clock may run ahead before what it wrote counts as implausible. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final SessionStore store;

    /** Where a replica keeps sessions and locks while its shared store is out of reach. */
    private final SessionStore fallback;

    private final LoginAttempts logins;

    private final LoginPacing pacing;

    private final CoolDowns coolDowns;

    private final Executor loginExecutor;

    /** Sessions this replica obtained while the shared store was out of reach, by vendor: not yet shared. */
    private final Map<String, Session> unshared = new ConcurrentHashMap<>();

    private final Clock clock;

    private final Ticker ticker;

    LoginGate(SessionStore store, LoginAttempts logins, LoginPacing pacing, CoolDowns coolDowns,
            Executor loginExecutor, Clock clock, Ticker ticker) {
        this.store = store;
        this.fallback = store.shared() ? new LocalSessionStore(ticker) : store;
        this.logins = logins;
        this.pacing = pacing;
        this.coolDowns = coolDowns;
        this.loginExecutor = loginExecutor;
        this.clock = clock;
        this.ticker = ticker;
    }

    /** Whether other replicas hand out what the store holds. */
    boolean shared() {
        return this.store.shared();
    }

    /** Who hears that a vendor's session changed, on any replica. */
    void onChange(ChangeListener listener) {
        this.store.onChange(listener);
    }

    /** Whether no other replica can hand out this session, so that a stopping replica may end it. */
    boolean onlyHere(Session session) {
        return !this.store.shared() || session.equals(this.unshared.get(session.vendor()));
    }

    /** The session was dropped on request: on every replica. */
    void dropped(String vendor) {
        try {
            this.store.drop(vendor);
            this.store.publishChange(vendor, null);
        }
        catch (DataAccessException ex) {
            log.warn("shared-store unavailable: session of vendor={} dropped on this replica only", vendor);
        }
    }

    /** Whether the vendor's login can carry a one-time password. */
    boolean takesOneTimePassword(String vendor) {
        return this.logins.takesOneTimePassword(vendor);
    }

    /** Ends a session at the vendor, where the vendor documents a logout; never throws. */
    void logout(Session session, String why) {
        this.logins.logout(session, why);
    }

    /**
     * A session was handed out: the store extends its idle deadline, or, for one obtained
     * while the store was away, takes it as the shared one.
     */
    void handedOut(VendorSettings vendor, Session session) {
        try {
            if (session.equals(this.unshared.get(vendor.name()))) {
                share(vendor, session);
            }
            else {
                this.store.touch(vendor.name(), session.sessionId(), ttl(vendor, session));
            }
        }
        catch (DataAccessException ex) {
            log.debug("shared-store touch failed vendor={}", vendor.name(), ex);
        }
    }

    /**
     * A session for a request that found none in the near-cache, or (replacing) one to
     * replace a session a caller saw rejected; on a login thread.
     */
    CompletableFuture<Session> obtain(VendorSettings vendor, @Nullable String rejected, boolean replacing,
            @Nullable Secret otp) {
        CompletableFuture<Session> result = new CompletableFuture<>();
        try {
            this.loginExecutor.execute(() -> {
                try {
                    result.complete(obtainOrFallBack(vendor, rejected, replacing, otp));
                }
                catch (RuntimeException ex) {
                    result.completeExceptionally(ex);
                }
            });
        }
        catch (RuntimeException ex) {
            // The executor refuses work only while the broker stops.
            result.completeExceptionally(new LoginFailure.Transient(vendor.name(), "the broker is stopping", null, ex));
        }
        return result;
    }

    private Session obtainOrFallBack(VendorSettings vendor, @Nullable String rejected, boolean replacing,
            @Nullable Secret otp) {
        try {
            return obtain(this.store, vendor, rejected, replacing, otp);
        }
        catch (StoreUnavailable ex) {
            return fallBack(vendor, rejected, replacing, otp, ex.failure());
        }
    }

    /**
     * A session from the store, or from a login under the store's lock: the one place where
     * a login is decided. A session the store already holds answers the request if it is not
     * the one a caller saw rejected; otherwise the lock holder logs in (once its cool-down
     * check and pacing allow) while everyone else polls until the session appears or the
     * lock's lease runs out.
     * @throws StoreUnavailable when the store failed before any vendor login was made
     */
    private Session obtain(SessionStore store, VendorSettings vendor, @Nullable String rejected, boolean replacing,
            @Nullable Secret otp) {
        String name = vendor.name();
        String credentials = vendor.credentials().fingerprint();
        Duration lease = lockLease(vendor);
        long deadline = this.ticker.read() + lease.plusSeconds(1).toNanos();
        long poll = FIRST_POLL_MILLIS;
        String token = UUID.randomUUID().toString();
        while (true) {
            StoredSession seen = beforeLogin(() -> store.read(name));
            if (seen != null && answers(seen.sessionId(), rejected, replacing)) {
                return toSession(vendor, seen);
            }
            checkCoolDown(store, vendor, credentials, otp);
            long fence = beforeLogin(() -> store.acquire(name, token, lease));
            if (fence > 0) {
                try {
                    // Someone may have written a session between our read and the lock.
                    StoredSession current = beforeLogin(() -> store.read(name));
                    if (current != null && answers(current.sessionId(), rejected, replacing)
                            && (seen == null || current.generation() != seen.generation())) {
                        return toSession(vendor, current);
                    }
                    checkCoolDown(store, vendor, credentials, otp);
                    Instant turn = this.pacing.awaitTurn(vendor, plausible(name, beforeLogin(() -> store.lastLoginStart(name))));
                    beforeLogin(() -> {
                        store.loginStarting(name, turn, vendor.minLoginInterval().plusSeconds(1));
                        return turn;
                    });
                    return loginAndShare(store, vendor, credentials, fence, token, otp);
                }
                finally {
                    releaseQuietly(store, name, token);
                }
            }
            if (this.ticker.read() - deadline > 0) {
                throw new LoginFailure.TimedOut(name, "another replica's login did not finish within " + lease
                        + " (shared store)", null);
            }
            sleep(poll);
            poll = Math.min(poll * 2, MAX_POLL_MILLIS);
        }
    }

    /**
     * The vendor login itself. From here on a store failure never leads to a second login:
     * the session obtained is used, and shared once the store is back.
     */
    private Session loginAndShare(SessionStore store, VendorSettings vendor, String credentials, long fence,
            String token, @Nullable Secret otp) {
        String name = vendor.name();
        Session session;
        try {
            session = this.logins.login(vendor, otp);
        }
        catch (LoginFailure.Rejected rejected) {
            // A rejected one-time password is a failed login towards a lockout like any other.
            startCoolDown(store, vendor, credentials, (otp != null && rejected.awaitsOneTimePassword())
                    ? new LoginFailure.Rejected(name, rejected.vendorStatus(), rejected.vendorMessage()) : rejected);
            throw rejected;
        }
        try {
            if (store.write(name, fence, token, session.sessionId(), session.obtainedAt(), ttl(vendor, session))) {
                this.unshared.remove(name);
                publishQuietly(store, name, session.fingerprint());
                return session;
            }
            // Our lease ran out and another replica has logged in since: its session is the
            // shared truth. Ours was never handed out, so it is ended where the vendor allows.
            StoredSession newer = store.read(name);
            if (newer != null) {
                log.warn("shared-store vendor={} login finished after its lock lease; newer session used", name);
                this.logins.logout(session, "superseded");
                return toSession(vendor, newer);
            }
            // The store lost our fence (restarted or flushed during the login) and holds no
            // session: ours becomes the shared one now, or on a later hand-out.
            this.unshared.put(name, session);
            share(vendor, session);
            return session;
        }
        catch (DataAccessException ex) {
            log.warn("shared-store unavailable after a login vendor={} ({}); the session is used here and shared"
                    + " once the store is back", name, ex.getClass().getSimpleName());
            this.unshared.put(name, session);
            return session;
        }
    }

    /**
     * The shared store is out of reach. A vendor that allows parallel sessions gets a login of
     * this replica's own, under the same policies over a local store; one whose login ends
     * earlier sessions (Infinite Blue) does not (replicas logging in on their own would
     * knock each other out in a loop): 503 until the store is back.
     */
    private Session fallBack(VendorSettings vendor, @Nullable String rejected, boolean replacing,
            @Nullable Secret otp, DataAccessException ex) {
        boolean refuse = vendor.adapter().loginEndsEarlierSessions();
        log.warn("shared-store unavailable vendor={} ({}); {}", vendor.name(), ex.getClass().getSimpleName(),
                refuse ? "refusing a local login" : "logging in locally");
        if (refuse) {
            throw new BrokerException.SharedStoreUnavailable(vendor.name(), ex);
        }
        Session session = obtain(this.fallback, vendor, rejected, replacing, otp);
        this.unshared.put(vendor.name(), session);
        return session;
    }

    /**
     * Fails fast while a rejection of these credentials cools down, here or (read from the
     * store) on another replica. A one-time-password login is a login like any other: held
     * back too, unless the refusal was the vendor asking for a one-time password.
     */
    private void checkCoolDown(SessionStore store, VendorSettings vendor, String credentials, @Nullable Secret otp) {
        String name = vendor.name();
        boolean withOtp = otp != null;
        this.coolDowns.check(name, credentials, withOtp);
        StoredCoolDown stored = beforeLogin(() -> store.readCoolDown(name, credentials));
        if (stored == null) {
            return;
        }
        // What the store says is bounded by what this replica would have written.
        Instant now = this.clock.instant();
        if (stored.rejectedAt().isAfter(now.plus(CLOCK_SKEW))) {
            log.warn("shared-store vendor={} cool-down starts in the future; ignored", name);
            return;
        }
        Instant longest = stored.rejectedAt().plus(vendor.rejectionCooldown());
        Instant until = stored.until().isAfter(longest) ? longest : stored.until();
        this.coolDowns.adopt(name, credentials, new LoginFailure.Rejected(name, stored.vendorStatus(),
                stored.vendorMessage(), stored.awaitsOneTimePassword()), stored.rejectedAt(), until);
        this.coolDowns.check(name, credentials, withOtp);
    }

    /** Another replica's latest login, unless it claims to lie in the future (then it is ignored). */
    private @Nullable Instant plausible(String vendor, @Nullable Instant lastLoginStart) {
        if (lastLoginStart != null && lastLoginStart.isAfter(this.clock.instant().plus(CLOCK_SKEW))) {
            log.warn("shared-store vendor={} latest login lies in the future; ignored", vendor);
            return null;
        }
        return lastLoginStart;
    }

    private void startCoolDown(SessionStore store, VendorSettings vendor, String credentials,
            LoginFailure.Rejected rejected) {
        Instant now = this.clock.instant();
        Instant until = now.plus(vendor.rejectionCooldown());
        this.coolDowns.start(vendor.name(), credentials, rejected, vendor.rejectionCooldown());
        log.warn("cool-down vendor={} until={} status={}", vendor.name(), until, rejected.vendorStatus());
        try {
            store.writeCoolDown(vendor.name(), credentials,
                    new StoredCoolDown(rejected.vendorStatus(), rejected.vendorMessage(), now, until,
                            rejected.awaitsOneTimePassword()),
                    vendor.rejectionCooldown());
        }
        catch (DataAccessException ex) {
            log.warn("shared-store unavailable: cool-down of vendor={} kept on this replica only", vendor.name());
        }
    }

    /**
     * The store is back: a session obtained while it was away becomes the shared one, unless
     * another replica shared one meanwhile; then ours is dropped here so that every replica
     * hands out the same.
     */
    private void share(VendorSettings vendor, Session session) {
        String name = vendor.name();
        String token = UUID.randomUUID().toString();
        long fence = this.store.acquire(name, token, lockLease(vendor));
        if (fence == 0) {
            return;
        }
        try {
            StoredSession current = this.store.read(name);
            if (current == null) {
                if (this.store.write(name, fence, token, session.sessionId(), session.obtainedAt(),
                        ttl(vendor, session))) {
                    log.info("shared-store vendor={} session={} obtained during the outage is shared now", name,
                            session.fingerprint());
                    publishQuietly(this.store, name, session.fingerprint());
                }
            }
            else if (!current.sessionId().equals(session.sessionId())) {
                // Every replica, this one included, drops what is not the shared session.
                publishQuietly(this.store, name, SessionFingerprint.of(current.sessionId()));
            }
            this.unshared.remove(name, session);
        }
        finally {
            releaseQuietly(this.store, name, token);
        }
    }

    /**
     * Compare-and-refresh, for the near-cache and the store alike: a current session answers
     * a request for any session, and a refresh only if it is not the one the caller saw
     * rejected (then someone already refreshed). A refresh naming no session always logs in.
     */
    static boolean answers(String currentSessionId, @Nullable String rejected, boolean replacing) {
        return !replacing || (rejected != null && !currentSessionId.equals(rejected));
    }

    private Session toSession(VendorSettings vendor, StoredSession stored) {
        long ageNanos = TimeUnit.MILLISECONDS
            .toNanos(Math.max(0, this.clock.millis() - stored.obtainedAt().toEpochMilli()));
        return Session.of(vendor, stored.sessionId(), stored.obtainedAt(), this.ticker.read() - ageNanos);
    }

    /** How long the store keeps a session unused: the idle timeout, capped by max-lifetime. */
    private Duration ttl(VendorSettings vendor, Session session) {
        long now = TimeUnit.MILLISECONDS.toNanos(this.clock.millis());
        long obtainedAt = TimeUnit.MILLISECONDS.toNanos(session.obtainedAt().toEpochMilli());
        return Duration.ofNanos(vendor.remainingNanos(obtainedAt, now, now, session.lifetimeNanos()));
    }

    /**
     * The longest the login lock is held: the pacing wait, then one login with its retries.
     * Past it, a holder that died is taken over and waiting replicas stop waiting.
     */
    private static Duration lockLease(VendorSettings vendor) {
        Duration attempt = vendor.connectTimeout().plus(vendor.readTimeout());
        return vendor.minLoginInterval().plus(vendor.retry().maxTotal())
            .plus(attempt.multipliedBy(vendor.retry().maxAttempts())).plusSeconds(1);
    }

    private static void releaseQuietly(SessionStore store, String vendor, String token) {
        try {
            store.release(vendor, token);
        }
        catch (DataAccessException ex) {
            // The lock's lease ends it anyway.
            log.debug("shared-store release failed vendor={}", vendor, ex);
        }
    }

    private static void publishQuietly(SessionStore store, String vendor, String fingerprint) {
        try {
            store.publishChange(vendor, fingerprint);
        }
        catch (DataAccessException ex) {
            // The session is written; replicas that miss the message read it on their next miss.
            log.debug("shared-store publish failed vendor={}", vendor, ex);
        }
    }

    /** A store step before any vendor login: a failure here may still fall back safely. */
    private static <T extends @Nullable Object> T beforeLogin(Supplier<T> step) {
        try {
            return step.get();
        }
        catch (DataAccessException ex) {
            throw new StoreUnavailable(ex);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another replica's login", ex);
        }
    }

    /** The store failed before any vendor login was made. */
    private static final class StoreUnavailable extends RuntimeException {

        private final DataAccessException failure;

        StoreUnavailable(DataAccessException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }

        DataAccessException failure() {
            return this.failure;
        }
    }
}
