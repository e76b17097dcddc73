package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

import dev.sessionbroker.broker.BrokerException.Problem;
import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.BrokerListener.RequestResult;
import dev.sessionbroker.broker.SessionStore.StoredCoolDown;
import dev.sessionbroker.broker.SessionStore.StoredSession;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.vendor.LoginFailure;
import dev.sessionbroker.vendor.SessionFingerprint;
import dev.sessionbroker.vendor.VendorSettings;
import dev.sessionbroker.vendor.Vendors;

/**
 * The session manager: the one place that decides when a vendor is logged in to. It owns
 * every policy (single-flight, compare-and-refresh, cool-downs, pacing, retries, logout) and
 * works over a {@link SessionStore} that only loads, saves, locks and publishes, whether that
 * is this process's memory or Redis shared by every replica.
 * <p>
 * Caffeine's {@link AsyncCache} is the near-cache in front of the store and the login gate
 * inside this process: it holds one future per vendor, so every caller who arrives while a
 * login is under way gets the same future, and nothing but the login's own outcome ever
 * replaces a future in flight (a {@code DELETE} or a change on another replica drops only a
 * finished session). Across replicas the store's lock is the gate. Logins run on a small
 * executor, one thread per vendor at most, never one per waiting request.
 */
public class SessionBroker {

    private static final Logger log = LoggerFactory.getLogger(SessionBroker.class);

    private static final long FIRST_POLL_MILLIS = 25;

    private static final long MAX_POLL_MILLIS = 400;

    /** How far another replica's clock may run ahead before what it wrote counts as implausible. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final Vendors vendors;

    private final SessionStore store;

    /** Where a replica keeps sessions and locks while its shared store is out of reach. */
    private final SessionStore fallback;

    private final LoginAttempts logins;

    private final LoginPacing pacing;

    private final CoolDowns coolDowns;

    private final LoginHistory history;

    private final AsyncCache<String, Session> sessions;

    private final Executor loginExecutor;

    private final Executor touches;

    private final long touchIntervalNanos;

    private final Map<String, AtomicLong> lastTouch = new ConcurrentHashMap<>();

    /** Sessions this replica obtained while the shared store was out of reach, by vendor: not yet shared. */
    private final Map<String, Session> unshared = new ConcurrentHashMap<>();

    private final Clock clock;

    private final Ticker ticker;

    private final BrokerListener listener;

    SessionBroker(Vendors vendors, SessionStore store, LoginAttempts logins, LoginPacing pacing, CoolDowns coolDowns,
            LoginHistory history, Executor loginExecutor, Executor touches, Duration touchInterval, Clock clock,
            Ticker ticker, BrokerListener listener) {
        this.vendors = vendors;
        this.store = store;
        this.fallback = store.shared() ? new LocalSessionStore(ticker) : store;
        this.logins = logins;
        this.pacing = pacing;
        this.coolDowns = coolDowns;
        this.history = history;
        this.loginExecutor = loginExecutor;
        this.touches = touches;
        this.touchIntervalNanos = touchInterval.toNanos();
        this.clock = clock;
        this.ticker = ticker;
        this.listener = listener;
        this.sessions = Caffeine.newBuilder().ticker(ticker).expireAfter(new SessionExpiry(vendors)).buildAsync();
        store.onChange(this::changedElsewhere);
    }

    /** The current session of a vendor, logging in first if there is none. Counts as a use. */
    public CompletableFuture<SessionLease> lease(String vendor) {
        VendorSettings settings = settings(vendor);
        CompletableFuture<Session> cached = this.sessions.getIfPresent(vendor);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            // The hot path of every caller: no future to build and no callback to chain.
            Session session = cached.join();
            this.listener.sessionRequested(vendor, RequestResult.HIT);
            used(session);
            return CompletableFuture.completedFuture(lease(session, settings));
        }
        if (cached != null && cached.isCompletedExceptionally()) {
            // Caffeine drops a failed login once it has run the future's callbacks, but the
            // callers who waited may be answered first; one who asks again at once must get a
            // new attempt, not the failure it has just seen.
            this.sessions.asMap().remove(vendor, cached);
        }
        // The mapping function only hands over a future; the login starts once it is cached,
        // outside the cache's lock. Caffeine watches a future it installed this way.
        CompletableFuture<Session> login = new CompletableFuture<>();
        CompletableFuture<Session> current = this.sessions.get(vendor, (name, executor) -> login);
        if (current == login) {
            this.listener.sessionRequested(vendor, RequestResult.MISS);
            if (this.history.lastLoginAt(vendor) != null) {
                this.listener.refreshStarted(vendor, RefreshReason.EXPIRY);
            }
            return pipe(obtain(settings, null, false, null), login).thenApply((session) -> lease(session, settings));
        }
        if (current.isDone()) {
            this.listener.sessionRequested(vendor, RequestResult.HIT);
            if (!current.isCompletedExceptionally()) {
                used(current.join());
            }
        }
        else {
            this.listener.sessionRequested(vendor, RequestResult.WAITED);
        }
        return current.thenApply((session) -> lease(session, settings));
    }

    /**
     * Replaces the session a caller saw rejected, unless someone already did: compare-and-refresh,
     * so that N callers reporting the same dead session cause one login. Without a rejected
     * session ID the current session is replaced unconditionally.
     */
    public CompletableFuture<SessionLease> refresh(String vendor, @Nullable String rejectedSessionId,
            RefreshReason reason) {
        return refresh(vendor, rejectedSessionId, reason, null);
    }

    /**
     * As {@link #refresh(String, String, RefreshReason)}, where the login may carry a one-time
     * password (AppViewX accounts with MFA): then the session is replaced unconditionally,
     * unless a login is already under way, which the caller joins like any other.
     * @throws BrokerException ({@code OTP_NOT_SUPPORTED}) for a vendor type without OTP logins
     */
    public CompletableFuture<SessionLease> refresh(String vendor, @Nullable String rejectedSessionId,
            RefreshReason reason, @Nullable Secret otp) {
        VendorSettings settings = settings(vendor);
        if (otp != null && !settings.definition().takesOneTimePassword()) {
            throw new BrokerException(Problem.OTP_NOT_SUPPORTED, vendor, "vendor '" + vendor
                    + "' does not take a one-time password (its type, " + settings.definition().id()
                    + ", has no one-time password login)");
        }
        String rejected = (otp != null) ? null : rejectedSessionId;
        // Decided inside compute, started outside it: compute must not have side effects, and
        // a login future that fails at once (a cool-down) would otherwise be removed from
        // within its own compute. A login under way is never replaced: its session is newer
        // than any a caller can have seen rejected, and a second login would kill it on
        // vendors such as Infinite Blue.
        CompletableFuture<Session> login = new CompletableFuture<>();
        CompletableFuture<Session> current = this.sessions.asMap()
            .compute(vendor, (name, cached) -> (cached != null && (!cached.isDone()
                    || (!cached.isCompletedExceptionally() && answers(cached.join().sessionId(), rejected, true))))
                            ? cached : login);
        if (current == login) {
            this.listener.refreshStarted(vendor, reason);
            login.whenComplete((session, failure) -> settle(vendor, login, failure));
            return pipe(obtain(settings, rejected, true, otp), login).thenApply((session) -> lease(session, settings));
        }
        return current.thenApply((session) -> lease(session, settings));
    }

    /**
     * A vendor's credentials were rotated: a cool-down their rejection started ends at once.
     * Other replicas keep cool-downs by the credentials they reject, so they need not be told.
     * The cached session is still valid at the vendor and stays, unless {@code relogin}.
     */
    public void credentialsChanged(String vendor, boolean relogin) {
        this.coolDowns.lift(vendor);
        if (relogin) {
            invalidate(vendor);
        }
    }

    /**
     * Drops the cached session; the next lease logs in. A login already under way is kept:
     * its session is newer than the one dropped, and later callers join it rather than start
     * another.
     */
    public void invalidate(String vendor) {
        settings(vendor);
        dropFinished(vendor, null);
        try {
            this.store.drop(vendor);
            this.store.publishChange(vendor, null);
        }
        catch (DataAccessException ex) {
            log.warn("shared-store unavailable: session of vendor={} dropped on this replica only", vendor);
        }
    }

    /**
     * Ends a session at the vendor, where the vendor documents a logout; never throws.
     */
    void logout(Session session, String why) {
        this.logins.logout(session, why);
    }

    /** Another replica changed the shared session: drop ours unless it is that one. */
    private void changedElsewhere(String vendor, @Nullable String currentFingerprint) {
        dropFinished(vendor, currentFingerprint);
    }

    /** Removes a finished session from the near-cache, unless it is the one with this fingerprint. */
    private void dropFinished(String vendor, @Nullable String keep) {
        Session local = this.sessions.synchronous().policy().getIfPresentQuietly(vendor);
        if (local != null && !local.fingerprint().equals(keep)) {
            // Compares with the finished value, so a login in flight is never removed.
            this.sessions.synchronous().asMap().remove(vendor, local);
        }
    }

    /**
     * The sessions cached right now, read quietly (not counted as a use); for operators.
     */
    public List<Session> cachedSessions() {
        Policy<String, Session> policy = this.sessions.synchronous().policy();
        return this.vendors.all().stream().map((vendor) -> policy.getIfPresentQuietly(vendor.name()))
            .filter(Objects::nonNull)
            .toList();
    }

    /**
     * The cached sessions that no other replica can hand out: all of them with the local
     * store; with a shared one only those obtained while it was out of reach and never
     * shared since. A stopping replica logs out these and no other.
     */
    List<Session> sessionsOnlyHere() {
        if (!this.store.shared()) {
            return cachedSessions();
        }
        return cachedSessions().stream().filter((session) -> session.equals(this.unshared.get(session.vendor())))
            .toList();
    }

    /** The session cached for a vendor, read quietly (not counted as a use), or null. */
    public @Nullable Session cached(String vendor) {
        return this.sessions.synchronous().policy().getIfPresentQuietly(vendor);
    }

    /** One vendor's state, read quietly. */
    public VendorState state(String vendor) {
        return state(settings(vendor));
    }

    public List<VendorState> states() {
        return this.vendors.all().stream().map(this::state).toList();
    }

    private VendorState state(VendorSettings settings) {
        String vendor = settings.name();
        Policy<String, Session> policy = this.sessions.synchronous().policy();
        // Quiet reads: looking at a session must not count as using it.
        Session session = policy.getIfPresentQuietly(vendor);
        Instant expiresAt = (session != null) ? policy.expireVariably()
            .flatMap((variable) -> variable.getExpiresAfter(vendor))
            .map((remaining) -> this.clock.instant().plus(remaining))
            .orElse(null) : null;
        return new VendorState(vendor, settings.definition().id(), session != null,
                (session != null) ? session.obtainedAt() : null, expiresAt, this.history.lastLoginAt(vendor),
                this.history.lastError(vendor), this.coolDowns.until(vendor));
    }

    /** Runs {@link #obtain(SessionStore, VendorSettings, String, boolean, Secret)} on a login thread. */
    private CompletableFuture<Session> obtain(VendorSettings vendor, @Nullable String rejected, boolean replacing,
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
                return toSession(name, seen);
            }
            checkCoolDown(store, vendor, credentials, otp);
            long fence = beforeLogin(() -> store.acquire(name, token, lease));
            if (fence > 0) {
                try {
                    // Someone may have written a session between our read and the lock.
                    StoredSession current = beforeLogin(() -> store.read(name));
                    if (current != null && answers(current.sessionId(), rejected, replacing)
                            && (seen == null || current.generation() != seen.generation())) {
                        return toSession(name, current);
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
                publishQuietly(store, name, session);
                return session;
            }
            // Our lease ran out and another replica has logged in since: its session is the
            // shared truth. Ours was never handed out, so it is ended where the vendor allows.
            StoredSession newer = store.read(name);
            if (newer != null) {
                log.warn("shared-store vendor={} login finished after its lock lease; newer session used", name);
                this.logins.logout(session, "superseded");
                return toSession(name, newer);
            }
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
        boolean refuse = vendor.definition().loginEndsEarlierSessions();
        log.warn("shared-store unavailable vendor={} ({}); {}", vendor.name(), ex.getClass().getSimpleName(),
                refuse ? "refusing a local login" : "logging in locally");
        if (refuse) {
            throw new BrokerException(Problem.SHARED_STORE_UNAVAILABLE, vendor.name(),
                    "the shared session store is unavailable, and vendor '" + vendor.name()
                            + "' allows one session per user: no replica logs in on its own until the store is back")
                .retryAfter(Duration.ofSeconds(5));
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

    /** A cached session was handed out; on the hot path, so the store hears of it at most once an interval. */
    private void used(Session session) {
        if (!this.store.shared()) {
            return;
        }
        AtomicLong last = this.lastTouch.computeIfAbsent(session.vendor(), (name) -> new AtomicLong());
        long now = this.ticker.read();
        long previous = last.get();
        if (now - previous < this.touchIntervalNanos || !last.compareAndSet(previous, now)) {
            return;
        }
        VendorSettings vendor = this.vendors.find(session.vendor());
        if (vendor == null) {
            return;
        }
        this.touches.execute(() -> {
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
        });
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
                    publishQuietly(this.store, name, session);
                }
            }
            else if (!current.sessionId().equals(session.sessionId())) {
                dropFinished(name, SessionFingerprint.of(current.sessionId()));
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
    private static boolean answers(String currentSessionId, @Nullable String rejected, boolean replacing) {
        return !replacing || (rejected != null && !currentSessionId.equals(rejected));
    }

    /**
     * Caffeine watches futures it installs through {@code get}, but not one put through its
     * map view: once that completes it is written again, so that the expiry policy sees the
     * session (until then it has an "in flight" expiry), or removed if the login failed.
     * Runs on completion, never inside {@code compute}.
     */
    private void settle(String vendor, CompletableFuture<Session> login, @Nullable Throwable failure) {
        if (failure != null) {
            this.sessions.asMap().remove(vendor, login);
        }
        else {
            this.sessions.asMap().replace(vendor, login, login);
        }
    }

    /**
     * Completes the future the cache holds with the login's outcome, and then the caller's:
     * by then everything watching the cached future has run, the cache's own bookkeeping
     * included, so the caller who started a login never sees the entry still "in flight".
     */
    private static CompletableFuture<Session> pipe(CompletableFuture<Session> outcome,
            CompletableFuture<Session> cached) {
        CompletableFuture<Session> settled = new CompletableFuture<>();
        outcome.whenComplete((session, failure) -> {
            if (failure != null) {
                Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
                        ? failure.getCause() : failure;
                cached.completeExceptionally(cause);
                settled.completeExceptionally(cause);
            }
            else {
                cached.complete(session);
                settled.complete(session);
            }
        });
        return settled;
    }

    private SessionLease lease(Session session, VendorSettings settings) {
        long now = this.ticker.read();
        long remaining = settings.remainingNanos(session.obtainedAtTick(), now, now);
        return new SessionLease(session, this.clock.instant().plus(Duration.ofNanos(remaining)));
    }

    private Session toSession(String vendor, StoredSession stored) {
        long ageNanos = TimeUnit.MILLISECONDS
            .toNanos(Math.max(0, this.clock.millis() - stored.obtainedAt().toEpochMilli()));
        return new Session(vendor, stored.sessionId(), stored.obtainedAt(), this.ticker.read() - ageNanos);
    }

    /** How long the store keeps a session unused: the idle timeout, capped by max-lifetime. */
    private Duration ttl(VendorSettings vendor, Session session) {
        long now = TimeUnit.MILLISECONDS.toNanos(this.clock.millis());
        long obtainedAt = TimeUnit.MILLISECONDS.toNanos(session.obtainedAt().toEpochMilli());
        return Duration.ofNanos(vendor.remainingNanos(obtainedAt, now, now));
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

    private static void publishQuietly(SessionStore store, String vendor, Session session) {
        try {
            store.publishChange(vendor, session.fingerprint());
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

    private VendorSettings settings(String vendor) {
        VendorSettings settings = this.vendors.find(vendor);
        if (settings == null) {
            throw BrokerException.unknownVendor(vendor);
        }
        return settings;
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
