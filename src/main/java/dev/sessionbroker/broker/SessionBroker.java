package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.config.Vendors;

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

    private final SessionExpiry expiry;

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
        this.expiry = new SessionExpiry(vendors);
        this.sessions = Caffeine.newBuilder().ticker(ticker).expireAfter(this.expiry).buildAsync();
        source.onChange(this::changedElsewhere);
    }

    /** The current session of a vendor, logging in first if there is none. Counts as a use. */
    public CompletableFuture<SessionLease> lease(String vendor) {
        VendorSettings settings = settings(vendor);
        CompletableFuture<Session> cached = this.sessions.getIfPresent(vendor);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            // The hot path of every caller: no loader to build and no future to chain.
            Session session = cached.join();
            this.listener.sessionRequested(vendor, "hit");
            this.source.used(session);
            return CompletableFuture.completedFuture(lease(session));
        }
        if (cached != null && cached.isCompletedExceptionally()) {
            // Caffeine drops a failed login once it has run the future's callbacks, but the
            // callers who waited may be answered first; one who asks again at once must get a
            // new attempt, not the failure it has just seen.
            this.sessions.asMap().remove(vendor, cached);
        }
        boolean[] started = new boolean[1];
        CompletableFuture<Session> session = this.sessions.get(vendor, (name, executor) -> {
            started[0] = true;
            return this.source.load(settings);
        });
        if (started[0]) {
            this.listener.sessionRequested(vendor, "miss");
            if (this.history.lastLoginAt(vendor) != null) {
                this.listener.refreshStarted(vendor, "expiry");
            }
        }
        else if (session.isDone()) {
            this.listener.sessionRequested(vendor, "hit");
            if (!session.isCompletedExceptionally()) {
                this.source.used(session.join());
            }
        }
        else {
            this.listener.sessionRequested(vendor, "waited");
        }
        return session.thenApply(this::lease);
    }

    /**
     * Replaces the session a caller saw rejected, unless someone already did: compare-and-refresh,
     * so that N callers reporting the same dead session cause one login. Without a rejected
     * session ID the current session is replaced unconditionally.
     */
    public CompletableFuture<SessionLease> refresh(String vendor, @Nullable String rejectedSessionId) {
        return refresh(vendor, rejectedSessionId, "caller");
    }

    /**
     * As {@link #refresh(String, String)}, with the reason reported to listeners.
     * @param reason caller or proxy-401
     */
    public CompletableFuture<SessionLease> refresh(String vendor, @Nullable String rejectedSessionId, String reason) {
        return refresh(vendor, rejectedSessionId, reason, null);
    }

    /**
     * As {@link #refresh(String, String, String)}, where the login may carry a one-time
     * password (AppViewX accounts with MFA): then the session is replaced unconditionally.
     * @throws OneTimePasswordNotSupportedException for a vendor type without OTP logins
     */
    public CompletableFuture<SessionLease> refresh(String vendor, @Nullable String rejectedSessionId, String reason,
            @Nullable Secret otp) {
        VendorSettings settings = settings(vendor);
        if (otp != null && !settings.definition().takesOneTimePassword()) {
            throw new OneTimePasswordNotSupportedException(vendor);
        }
        CompletableFuture<Session> current = this.sessions.asMap().compute(vendor, (name, cached) -> {
            if (cached != null && !isReplaceable(cached, (otp != null) ? null : rejectedSessionId)) {
                return cached;
            }
            this.listener.refreshStarted(vendor, reason);
            CompletableFuture<Session> login = this.source.replace(settings, rejectedSessionId, otp);
            login.whenComplete((session, failure) -> settle(vendor, login, failure));
            return login;
        });
        return current.thenApply(this::lease);
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
     * Caffeine settles futures it loads itself; one put in through the map view must be
     * settled here: re-written once complete so the expiry policy sees the session (until
     * then it has an "in flight" expiry), or removed if the login failed.
     */
    private void settle(String vendor, CompletableFuture<Session> login, @Nullable Throwable failure) {
        if (failure != null) {
            this.sessions.asMap().remove(vendor, login);
        }
        else {
            this.sessions.asMap().replace(vendor, login, login);
        }
    }

    private SessionLease lease(Session session) {
        long now = this.ticker.read();
        long remaining = this.expiry.remainingNanos(session.vendor(), session, now, now);
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
            throw new UnknownVendorException(vendor);
        }
        return settings;
    }
}
