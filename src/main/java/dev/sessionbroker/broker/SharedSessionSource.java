package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

import dev.sessionbroker.broker.BrokerException.Problem;
import dev.sessionbroker.broker.SharedSessions.SharedCoolDown;
import dev.sessionbroker.broker.SharedSessions.SharedSession;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.vendor.VendorSettings;
import dev.sessionbroker.vendor.Vendors;
import dev.sessionbroker.vendor.LoginFailure;

/**
 * Sessions shared by every replica through a {@link SharedSessions} store (Redis), with
 * exactly one vendor login among them:
 * a replica that needs a session takes it from Redis; if there is none it takes the vendor's
 * lock (a lease, fenced by a counter) and logs in, while the others poll until the session
 * appears or the lease runs out. A refresh replaces the shared session only if it is still
 * the one that was rejected, and every replica hears of the change (pub/sub) and drops its
 * local copy. Rejections start a cool-down all replicas respect.
 */
public final class SharedSessionSource implements SessionSource {

    private static final Logger log = LoggerFactory.getLogger(SharedSessionSource.class);

    private static final long FIRST_POLL_MILLIS = 25;

    private static final long MAX_POLL_MILLIS = 400;

    private final SharedSessions store;

    private final LoginAttempts logins;

    private final CoolDowns coolDowns;

    private final Executor executor;

    private final Executor touches;

    private final Clock clock;

    private final Ticker ticker;

    private final long touchIntervalNanos;

    private final Map<String, AtomicLong> lastTouch = new ConcurrentHashMap<>();

    private final Vendors vendors;

    private volatile @Nullable ChangeListener changeListener;

    public SharedSessionSource(SharedSessions store, Vendors vendors, LoginAttempts logins, CoolDowns coolDowns,
            Executor executor, Executor touches, Clock clock, Ticker ticker, Duration touchInterval) {
        this.vendors = vendors;
        this.store = store;
        this.logins = logins;
        this.coolDowns = coolDowns;
        this.executor = executor;
        this.touches = touches;
        this.clock = clock;
        this.ticker = ticker;
        this.touchIntervalNanos = touchInterval.toNanos();
    }

    @Override
    public CompletableFuture<Session> load(VendorSettings vendor) {
        return obtain(vendor, null, false, null);
    }

    @Override
    public CompletableFuture<Session> replace(VendorSettings vendor, @Nullable String rejectedSessionId,
            @Nullable Secret otp) {
        return obtain(vendor, rejectedSessionId, true, otp);
    }

    private CompletableFuture<Session> obtain(VendorSettings vendor, @Nullable String rejected, boolean replacing,
            @Nullable Secret otp) {
        CompletableFuture<Session> result = new CompletableFuture<>();
        this.executor.execute(() -> {
            try {
                result.complete(obtainShared(vendor, rejected, replacing, otp));
            }
            catch (DataAccessException ex) {
                fallBackToLocal(vendor, replacing, otp, ex).whenComplete((session, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(unwrap(failure));
                    }
                    else {
                        result.complete(session);
                    }
                });
            }
            catch (RuntimeException ex) {
                result.completeExceptionally(unwrap(ex));
            }
        });
        return result;
    }

    private Session obtainShared(VendorSettings vendor, @Nullable String rejected, boolean replacing,
            @Nullable Secret otp) {
        String name = vendor.name();
        long deadline = this.ticker.read() + loginBound(vendor).toNanos();
        long poll = FIRST_POLL_MILLIS;
        String token = UUID.randomUUID().toString();
        while (true) {
            SharedSession shared = this.store.read(name);
            if (shared != null && isUsable(shared, rejected, replacing)) {
                return toSession(name, shared);
            }
            if (otp == null) {
                adoptSharedCoolDown(name);
            }
            long fence = this.store.acquire(name, token, loginBound(vendor).plusSeconds(1).toMillis());
            if (fence > 0) {
                try {
                    // Someone may have written a session between our read and the lock.
                    SharedSession current = this.store.read(name);
                    if (current != null && isUsable(current, rejected, replacing)
                            && (shared == null || current.generation() != shared.generation())) {
                        return toSession(name, current);
                    }
                    if (current != null) {
                        // Pacing counts logins on every replica: the shared session says when
                        // the last one was.
                        this.logins.loggedInElsewhere(name, Instant.ofEpochMilli(current.obtainedAtMillis()));
                    }
                    return loginAndShare(vendor, fence, token, otp);
                }
                finally {
                    this.store.release(name, token);
                }
            }
            if (this.ticker.read() > deadline) {
                throw new LoginFailure.TimedOut(name, "another replica's login did not finish within "
                        + loginBound(vendor) + " (shared store)", null);
            }
            sleep(poll);
            poll = Math.min(poll * 2, MAX_POLL_MILLIS);
        }
    }

    /**
     * A shared session serves a cold replica as is; for a refresh it must be a different one
     * than the caller saw rejected (then someone already refreshed).
     */
    private static boolean isUsable(SharedSession shared, @Nullable String rejected, boolean replacing) {
        if (!replacing) {
            return true;
        }
        return rejected != null && !shared.sessionId().equals(rejected);
    }

    private Session loginAndShare(VendorSettings vendor, long fence, String token, @Nullable Secret otp) {
        String name = vendor.name();
        Session session;
        try {
            session = this.logins.start(vendor, otp).join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof LoginFailure.Rejected rejected) {
                Instant now = this.clock.instant();
                Instant until = now.plus(vendor.rejectionCooldown());
                this.store.writeCoolDown(name, new SharedCoolDown(rejected.vendorStatus(), rejected.vendorMessage(),
                        now.toEpochMilli(), until.toEpochMilli()), vendor.rejectionCooldown().toMillis());
            }
            throw ex;
        }
        long ttl = remainingMillis(vendor, session.obtainedAt().toEpochMilli());
        if (!this.store.write(name, fence, token, session.sessionId(), session.obtainedAt().toEpochMilli(), ttl)) {
            // Our lease ran out and another replica has logged in since: its session is the
            // shared truth, ours is simply not shared.
            log.warn("shared-store vendor={} login finished after its lock lease; newer session kept", name);
        }
        this.store.publishChange(name, session.fingerprint());
        return session;
    }

    private void adoptSharedCoolDown(String vendor) {
        SharedCoolDown coolDown = this.store.readCoolDown(vendor);
        if (coolDown != null) {
            this.coolDowns.adopt(vendor, new LoginFailure.Rejected(vendor, coolDown.vendorStatus(),
                    coolDown.vendorMessage()), Instant.ofEpochMilli(coolDown.rejectedAtMillis()),
                    Instant.ofEpochMilli(coolDown.untilMillis()));
        }
        this.coolDowns.check(vendor);
    }

    /**
     * Redis is unreachable. A vendor that allows parallel sessions gets a login of this
     * replica's own; one whose login ends earlier sessions (Infinite Blue) does not (replicas
     * logging in on their own would knock each other out in a loop): 503 until Redis is back.
     */
    private CompletableFuture<Session> fallBackToLocal(VendorSettings vendor, boolean replacing, @Nullable Secret otp,
            DataAccessException ex) {
        log.warn("shared-store unavailable vendor={} ({}); {}", vendor.name(), ex.getClass().getSimpleName(),
                vendor.definition().loginEndsEarlierSessions() ? "refusing a local login" : "logging in locally");
        if (vendor.definition().loginEndsEarlierSessions()) {
            return CompletableFuture.failedFuture(new BrokerException(Problem.SHARED_STORE_UNAVAILABLE, vendor.name(),
                    "the shared session store is unavailable, and vendor '" + vendor.name()
                            + "' allows one session per user: no replica logs in on its own until the store is back")
                .retryAfter(Duration.ofSeconds(5)));
        }
        return this.logins.start(vendor, otp);
    }

    /** Hot path: at most one asynchronous touch per vendor and interval. */
    @Override
    public void used(Session session) {
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
                this.store.touch(session.vendor(), session.sessionId(),
                        remainingMillis(vendor, session.obtainedAt().toEpochMilli()));
            }
            catch (DataAccessException ex) {
                log.debug("shared-store touch failed vendor={}", session.vendor(), ex);
            }
        });
    }

    @Override
    public void onChange(ChangeListener listener) {
        this.changeListener = listener;
    }

    /** Another replica changed a vendor's session (a message on the store's channel). */
    public void changed(String vendor, @Nullable String fingerprint) {
        ChangeListener listener = this.changeListener;
        if (listener != null) {
            listener.changed(vendor, fingerprint);
        }
    }

    /** Every replica reads the shared cool-down before logging in: lifting it there lifts it for all. */
    @Override
    public void credentialsChanged(String vendor) {
        try {
            this.store.clearCoolDown(vendor);
        }
        catch (DataAccessException ex) {
            log.warn("shared-store unavailable: cool-down of vendor={} lifted on this replica only", vendor);
        }
    }

    @Override
    public void dropped(String vendor) {
        try {
            this.store.drop(vendor);
            this.store.publishChange(vendor, null);
        }
        catch (DataAccessException ex) {
            log.warn("shared-store unavailable: session of vendor={} dropped on this replica only", vendor);
        }
    }

    private Session toSession(String vendor, SharedSession shared) {
        long ageNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, this.clock.millis() - shared.obtainedAtMillis()));
        return new Session(vendor, shared.sessionId(), Instant.ofEpochMilli(shared.obtainedAtMillis()),
                this.ticker.read() - ageNanos);
    }

    /** How long Redis keeps a session unused: the idle timeout, capped by max-lifetime. */
    private long remainingMillis(VendorSettings vendor, long obtainedAtMillis) {
        long now = TimeUnit.MILLISECONDS.toNanos(this.clock.millis());
        return TimeUnit.NANOSECONDS.toMillis(
                vendor.remainingNanos(TimeUnit.MILLISECONDS.toNanos(obtainedAtMillis), now, now));
    }

    /** The longest one login may take, retries included: the lock lease and the wait bound. */
    private static Duration loginBound(VendorSettings vendor) {
        Duration attempt = vendor.connectTimeout().plus(vendor.readTimeout());
        return vendor.retry().maxTotal().plus(attempt.multipliedBy(vendor.retry().maxAttempts()));
    }

    private static Throwable unwrap(Throwable failure) {
        return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
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
}
