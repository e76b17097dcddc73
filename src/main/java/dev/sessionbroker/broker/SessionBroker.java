package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import dev.sessionbroker.broker.BrokerException.Problem;
import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.BrokerListener.RequestResult;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.vendor.VendorSettings;
import dev.sessionbroker.vendor.Vendors;

/**
 * Hands out vendor sessions. Caffeine's {@link AsyncCache} holds one future per vendor, which
 * gives single-flight for free: every caller that arrives while a login is under way gets
 * the same future, and a failed future is dropped rather than cached.
 */
public class SessionBroker {

    private final Vendors vendors;

    private final SessionSource source;

    private final LoginHistory history;

    private final CoolDowns coolDowns;

    private final AsyncCache<String, Session> sessions;

    private final Clock clock;

    private final Ticker ticker;

    private final BrokerListener listener;

    SessionBroker(Vendors vendors, SessionSource source, LoginHistory history, CoolDowns coolDowns, Clock clock,
            Ticker ticker, BrokerListener listener) {
        this.coolDowns = coolDowns;
        this.listener = listener;
        this.vendors = vendors;
        this.source = source;
        this.history = history;
        this.clock = clock;
        this.ticker = ticker;
        this.sessions = Caffeine.newBuilder().ticker(ticker).expireAfter(new SessionExpiry(vendors)).buildAsync();
        source.onChange(this::changedElsewhere);
    }

    /** The current session of a vendor, logging in first if there is none. Counts as a use. */
    public CompletableFuture<SessionLease> lease(String vendor) {
        VendorSettings settings = settings(vendor);
        CompletableFuture<Session> cached = this.sessions.getIfPresent(vendor);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            // The hot path of every caller: no future to build and no callback to chain.
            Session session = cached.join();
            this.listener.sessionRequested(vendor, RequestResult.HIT);
            this.source.used(session);
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
            return pipe(this.source.load(settings), login).thenApply((session) -> lease(session, settings));
        }
        if (current.isDone()) {
            this.listener.sessionRequested(vendor, RequestResult.HIT);
            if (!current.isCompletedExceptionally()) {
                this.source.used(current.join());
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
     * password (AppViewX accounts with MFA): then the session is replaced unconditionally.
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
        // within its own compute.
        CompletableFuture<Session> login = new CompletableFuture<>();
        CompletableFuture<Session> current = this.sessions.asMap()
            .compute(vendor, (name, cached) -> (cached != null && !isReplaceable(cached, rejected)) ? cached : login);
        if (current == login) {
            this.listener.refreshStarted(vendor, reason);
            login.whenComplete((session, failure) -> settle(vendor, login, failure));
            return pipe(this.source.replace(settings, rejectedSessionId, otp), login)
                .thenApply((session) -> lease(session, settings));
        }
        return current.thenApply((session) -> lease(session, settings));
    }

    /**
     * A vendor's credentials were rotated: a cool-down their rejection started ends at once,
     * here and for every replica, so the next login (single-flight and paced as always) tries
     * the new ones. The cached session is still valid at the vendor and stays, unless
     * {@code relogin}.
     */
    public void credentialsChanged(String vendor, boolean relogin) {
        this.coolDowns.lift(vendor);
        this.source.credentialsChanged(vendor);
        if (relogin) {
            invalidate(vendor);
        }
    }

    /** Drops the cached session; the next lease logs in. */
    public void invalidate(String vendor) {
        settings(vendor);
        this.sessions.synchronous().invalidate(vendor);
        this.source.dropped(vendor);
    }

    /** Another replica changed the shared session: drop ours unless it is that one. */
    private void changedElsewhere(String vendor, @Nullable String currentFingerprint) {
        Session local = this.sessions.synchronous().policy().getIfPresentQuietly(vendor);
        if (local != null && !local.fingerprint().equals(currentFingerprint)) {
            this.sessions.synchronous().invalidate(vendor);
        }
    }

    /**
     * The sessions cached right now, read quietly (not counted as a use); for logging out on
     * shutdown and for operators.
     */
    public List<Session> cachedSessions() {
        Policy<String, Session> policy = this.sessions.synchronous().policy();
        return this.vendors.all().stream().map((vendor) -> policy.getIfPresentQuietly(vendor.name()))
            .filter(Objects::nonNull)
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
     * Completes the future the cache holds with the source's outcome, and then the caller's:
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

    /**
     * A login under way is never replaced: its session is newer than any a caller can have
     * seen rejected, and a second login would kill it on vendors such as Infinite Blue.
     */
    private static boolean isReplaceable(CompletableFuture<Session> cached, @Nullable String rejectedSessionId) {
        if (!cached.isDone()) {
            return false;
        }
        if (cached.isCompletedExceptionally() || rejectedSessionId == null) {
            return true;
        }
        return cached.join().sessionId().equals(rejectedSessionId);
    }

    private VendorSettings settings(String vendor) {
        VendorSettings settings = this.vendors.find(vendor);
        if (settings == null) {
            throw BrokerException.unknownVendor(vendor);
        }
        return settings;
    }
}
