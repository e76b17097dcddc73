package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sessionbroker.vendor.VendorSettings;

/**
 * Keeps two logins of one vendor at least {@code min-login-interval} apart, whatever callers
 * do: a client looping on refresh would otherwise cost a vendor login each time, and on
 * Infinite Blue every login ends the user's other sessions, while other vendors rate-limit or
 * lock accounts that log in too often. A login that comes too soon waits on its login thread
 * (never a request thread); single-flight makes every refresh that arrives meanwhile join it.
 * The first login, and one after a quiet spell, never wait.
 * <p>
 * Time is the wall clock, because other replicas report their logins by wall-clock time
 * through the shared store. The wait re-reads the clock in short slices rather than sleeping
 * once, so that a login another replica reports meanwhile, or a test's fake clock moving on,
 * is seen.
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

    /** A login of this vendor started at this moment, here or on another replica. */
    public void loggedIn(String vendor, Instant at) {
        this.lastLogins.merge(vendor, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    /**
     * Blocks the calling login thread until the vendor may log in again, then counts the
     * login as started now.
     */
    void awaitTurn(VendorSettings vendor) {
        Duration interval = vendor.minLoginInterval();
        Instant started = this.clock.instant();
        Instant now = started;
        boolean paced = false;
        while (true) {
            Instant last = this.lastLogins.get(vendor.name());
            Instant turn = (last != null) ? last.plus(interval) : now;
            if (!now.isBefore(turn)) {
                break;
            }
            paced = true;
            sleep(Math.min(SLICE_MILLIS, Duration.between(now, turn).toMillis() + 1));
            now = this.clock.instant();
        }
        loggedIn(vendor.name(), now);
        if (paced) {
            this.listener.loginPaced(vendor.name(), Duration.between(started, now));
        }
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
