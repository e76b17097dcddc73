package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.BrokerListener.RequestResult;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;

/**
 * The session manager: it owns every policy (single-flight, compare-and-refresh,
 * cool-downs, pacing, retries, logout) over a {@link SessionStore} that only loads, saves,
 * locks and publishes, whether that is this process's memory or Redis shared by every
 * replica. This class is the hand-out side; its {@link LoginGate} decides and makes logins.
 * <p>
 * Caffeine's {@link AsyncCache} is the near-cache in front of the store and the login gate
 * inside this process: it holds one future per vendor, so every caller who arrives while a
 * login is under way gets the same future, and nothing but the login's own outcome ever
 * replaces a future in flight (a {@code DELETE} or a change on another replica drops only a
 * finished session). Across replicas the store's lock is the gate. Logins run on a small
 * executor, one thread per vendor at most, never one per waiting request.
 * <p>
 * What callers ask of it is published as events ({@link SessionHandedOut},
 * {@link SessionRefreshed}, {@link SessionDropped}) naming the vendor acted on, the caller and
 * the session answered, for the audit: it never has to work out from a request what happened.
 */
public class SessionBroker {

    private final Vendors vendors;

    private final LoginGate gate;

    private final LoginHistory history;

    private final CoolDowns coolDowns;

    private final AsyncCache<String, Session> sessions;

    private final Executor touches;

    private final long touchIntervalNanos;

    private final Map<String, AtomicLong> lastTouch = new ConcurrentHashMap<>();

    private final Clock clock;

    private final Ticker ticker;

    private final BrokerListener listener;

    private final ApplicationEventPublisher events;

    SessionBroker(Vendors vendors, SessionStore store, LoginAttempts logins, LoginPacing pacing, CoolDowns coolDowns,
            LoginHistory history, Executor loginExecutor, Executor touches, Duration touchInterval, Clock clock,
            Ticker ticker, BrokerListener listener) {
        this(vendors, store, logins, pacing, coolDowns, history, loginExecutor, touches, touchInterval, clock, ticker,
                listener, (event) -> {
                });
    }

    SessionBroker(Vendors vendors, SessionStore store, LoginAttempts logins, LoginPacing pacing, CoolDowns coolDowns,
            LoginHistory history, Executor loginExecutor, Executor touches, Duration touchInterval, Clock clock,
            Ticker ticker, BrokerListener listener, ApplicationEventPublisher events) {
        this.events = events;
        this.vendors = vendors;
        this.gate = new LoginGate(store, logins, pacing, coolDowns, loginExecutor, clock, ticker);
        this.coolDowns = coolDowns;
        this.history = history;
        this.touches = touches;
        this.touchIntervalNanos = touchInterval.toNanos();
        this.clock = clock;
        this.ticker = ticker;
        this.listener = listener;
        this.sessions = Caffeine.newBuilder().ticker(ticker).expireAfter(new SessionExpiry(vendors)).buildAsync();
        this.gate.onChange(this::changedElsewhere);
    }

    /**
     * A caller's hand-out: {@link #lease}, and {@link SessionHandedOut} once its outcome is
     * known (at once for a cached session, on the login thread after a login).
     */
    public CompletableFuture<SessionLease> handOut(String vendor, String caller) {
        CompletableFuture<SessionLease> lease;
        try {
            lease = lease(vendor);
        }
        catch (RuntimeException ex) {
            this.events.publishEvent(new SessionHandedOut(this, vendor, caller, null, failureOf(ex)));
            throw ex;
        }
        if (lease.isDone() && !lease.isCompletedExceptionally()) {
            // The hot path: no callback to chain.
            this.events.publishEvent(
                    new SessionHandedOut(this, vendor, caller, lease.join().session().fingerprint(), null));
            return lease;
        }
        return lease.whenComplete((done, failure) -> this.events.publishEvent(new SessionHandedOut(this, vendor, caller,
                (done != null) ? done.session().fingerprint() : null, (failure != null) ? failureOf(failure) : null)));
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
            return pipe(this.gate.obtain(settings, null, false, null), login).thenApply((session) -> lease(session, settings));
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
     * A caller's refresh: as {@link #refresh(String, String, RefreshReason, Secret)}, and
     * {@link SessionRefreshed} once it is answered.
     */
    public CompletableFuture<SessionLease> refresh(String vendor, @Nullable String rejectedSessionId,
            RefreshReason reason, @Nullable Secret otp, String caller) {
        CompletableFuture<SessionLease> refreshed;
        try {
            refreshed = refresh(vendor, rejectedSessionId, reason, otp);
        }
        catch (RuntimeException ex) {
            this.events.publishEvent(new SessionRefreshed(vendor, caller, reason, null, failureOf(ex)));
            throw ex;
        }
        return refreshed.whenComplete((done, failure) -> this.events.publishEvent(new SessionRefreshed(vendor, caller,
                reason, (done != null) ? done.session().fingerprint() : null,
                (failure != null) ? failureOf(failure) : null)));
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
     * @throws BrokerException.OneTimePasswordNotSupported for a vendor type without OTP logins
     */
    public CompletableFuture<SessionLease> refresh(String vendor, @Nullable String rejectedSessionId,
            RefreshReason reason, @Nullable Secret otp) {
        VendorSettings settings = settings(vendor);
        if (otp != null && !this.gate.takesOneTimePassword(vendor)) {
            throw new BrokerException.OneTimePasswordNotSupported(vendor, settings.type());
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
                    || (!cached.isCompletedExceptionally() && LoginGate.answers(cached.join().sessionId(), rejected, true))))
                            ? cached : login);
        if (current == login) {
            this.listener.refreshStarted(vendor, reason);
            login.whenComplete((session, failure) -> settle(vendor, login, failure));
            return pipe(this.gate.obtain(settings, rejected, true, otp), login).thenApply((session) -> lease(session, settings));
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
        this.gate.dropped(vendor);
    }

    /** A caller's drop: {@link #invalidate(String)}, and {@link SessionDropped} naming the session dropped. */
    public void invalidate(String vendor, String caller) {
        Session dropped = null;
        try {
            settings(vendor);
            dropped = cached(vendor);
            invalidate(vendor);
        }
        catch (RuntimeException ex) {
            this.events.publishEvent(new SessionDropped(vendor, caller, null, failureOf(ex)));
            throw ex;
        }
        this.events.publishEvent(new SessionDropped(vendor, caller, (dropped != null) ? dropped.fingerprint() : null,
                null));
    }

    /**
     * What went wrong, as a label for events: a login failure's kind ({@code rejected},
     * {@code unusable}, {@code transient}, {@code timeout}) or the broker's refusal
     * ({@code vendor-cooling-down}, {@code unknown-vendor}, ...); {@code error} for anything else.
     */
    public static String failureOf(Throwable failure) {
        Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
                : failure;
        if (cause instanceof LoginFailure login) {
            return BrokerListener.LoginOutcome.of(login.kind()).label();
        }
        if (cause instanceof BrokerException.CoolingDown) {
            return "vendor-cooling-down";
        }
        if (cause instanceof BrokerException.UnknownVendor) {
            return "unknown-vendor";
        }
        if (cause instanceof BrokerException.SharedStoreUnavailable) {
            return "shared-store-unavailable";
        }
        if (cause instanceof BrokerException.OneTimePasswordNotSupported) {
            return "otp-not-supported";
        }
        return "error";
    }

    /**
     * Ends a session at the vendor, where the vendor documents a logout; never throws.
     */
    void logout(Session session, String why) {
        this.gate.logout(session, why);
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
        return cachedSessions().stream().filter(this.gate::onlyHere).toList();
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
        return new VendorState(vendor, settings.type(), session != null,
                (session != null) ? session.obtainedAt() : null, expiresAt, this.history.lastLoginAt(vendor),
                this.history.lastError(vendor), this.coolDowns.until(vendor));
    }

    /** A cached session was handed out; on the hot path, so the store hears of it at most once an interval. */
    private void used(Session session) {
        if (!this.gate.shared()) {
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
        this.touches.execute(() -> this.gate.handedOut(vendor, session));
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
        long remaining = settings.remainingNanos(session.obtainedAtTick(), now, now, session.lifetimeNanos());
        return new SessionLease(session, this.clock.instant().plus(Duration.ofNanos(remaining)));
    }

    private VendorSettings settings(String vendor) {
        VendorSettings settings = this.vendors.find(vendor);
        if (settings == null) {
            throw new BrokerException.UnknownVendor(vendor);
        }
        return settings;
    }

}
