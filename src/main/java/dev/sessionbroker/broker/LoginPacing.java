package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.adapter.VendorSettings;

/**
 * Keeps two logins of one vendor at least {@code min-login-interval} apart, whatever callers
 * do: a client looping on refresh would otherwise cost a vendor login each time, and on
 * Infinite Blue every login ends the user's other sessions, while other vendors rate-limit or
 * lock accounts that log in too often. A login that comes too soon waits on its login thread
 * (never a request thread), holding the vendor's login lock, so every refresh that arrives
 * meanwhile joins it. The first login, and one after a quiet spell, never wait.
 * <p>
 * A turn is reserved atomically before waiting, so two logins can never share one. Time is
 * the wall clock, because other replicas report their logins by wall-clock time through the
 * store. The wait re-reads the clock in short slices rather than sleeping once, so that a
 * test's fake clock moving on is seen.
 */
public final class LoginPacing {

    private static final long SLICE_MILLIS = 20;

    private final Map<String, Instant> lastLogins = new ConcurrentHashMap<>();

    private final Clock clock;

    private final BrokerListener listener;

    public LoginPacing(Clock clock, BrokerListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Blocks the calling login thread until the vendor may log in again, then counts the
     * login as started at that moment.
     * @param elsewhere the latest login start another replica reported, or null
     * @return when this login's turn came
     */
    Instant awaitTurn(VendorSettings vendor, @Nullable Instant elsewhere) {
        Duration interval = vendor.minLoginInterval();
        Instant started = this.clock.instant();
        Instant turn = this.lastLogins.compute(vendor.name(), (name, last) -> {
            Instant latest = latest(last, elsewhere);
            if (latest == null) {
                return started;
            }
            Instant next = latest.plus(interval);
            return next.isAfter(started) ? next : started;
        });
        Instant now = started;
        while (now.isBefore(turn)) {
            sleep(Math.min(SLICE_MILLIS, Duration.between(now, turn).toMillis() + 1));
            now = this.clock.instant();
        }
        if (turn.isAfter(started)) {
            this.listener.loginPaced(vendor.name(), Duration.between(started, now));
        }
        return turn;
    }

    private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null || b == null) {
            return (a != null) ? a : b;
        }
        return a.isAfter(b) ? a : b;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the login interval", ex);
        }
    }
}
