package dev.sessionbroker.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Slows down failing authentications: after {@link #FREE_FAILURES} failures from one remote
 * address, that address's failing attempts are refused for 1 s, then 2 s, 4 s, ... up to
 * {@link #MAX_BACK_OFF}. Only failures: the filter verifies a token before asking, so a
 * valid client behind the same address (one node address, a mesh proxy) is never locked out
 * by a guesser. An address is forgotten {@link #MEMORY} after its last failure.
 * Refusals are counted for the audit log, one line per address per {@link #AUDIT_INTERVAL}.
 * Time is the Caffeine {@link Ticker}, so tests drive it without sleeping.
 */
final class AuthFailureThrottle {

    /** Enough for a client whose token was just rotated to notice, not enough to guess. */
    static final int FREE_FAILURES = 5;

    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);

    static final Duration MAX_BACK_OFF = Duration.ofMinutes(15);

    static final Duration MEMORY = Duration.ofMinutes(30);

    /** A guesser refused in a loop must not write the audit log at its own pace. */
    static final Duration AUDIT_INTERVAL = Duration.ofMinutes(1);

    /** Bounded, so that a flood from many addresses cannot exhaust the heap. */
    private static final long MAX_ADDRESSES = 100_000;

    private final Cache<String, Failures> failures;

    private final Ticker ticker;

    AuthFailureThrottle(Ticker ticker) {
        this.ticker = ticker;
        this.failures = Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(MEMORY)
            .maximumSize(MAX_ADDRESSES)
            .build();
    }

    /** How long this address must still wait before it may authenticate, or null if it may now. */
    @Nullable Duration waitFor(String address) {
        Failures recorded = this.failures.getIfPresent(address);
        if (recorded == null) {
            return null;
        }
        long remaining = recorded.blockedUntilTick() - this.ticker.read();
        return (remaining > 0) ? Duration.ofNanos(remaining) : null;
    }

    /** Counts a failed authentication and starts the next back-off if the free ones are used up. */
    void recordFailure(String address) {
        this.failures.asMap().compute(address, (key, earlier) -> {
            int count = (earlier != null) ? earlier.count() + 1 : 1;
            long now = this.ticker.read();
            long blockedUntil = (count > FREE_FAILURES) ? now + backOff(count - FREE_FAILURES).toNanos() : now;
            return (earlier != null) ? earlier.failedAgain(count, blockedUntil) : new Failures(count, blockedUntil, 0, now);
        });
    }

    /**
     * Counts a refusal while the address backs off.
     * @return how many refusals to report in an audit line now (this one included), or 0 if
     * one was written for this address less than {@link #AUDIT_INTERVAL} ago
     */
    long recordRefusal(String address) {
        long[] report = new long[1];
        this.failures.asMap().computeIfPresent(address, (key, recorded) -> {
            long now = this.ticker.read();
            long refused = recorded.unauditedRefusals() + 1;
            if (now - recorded.nextAuditTick() >= 0) {
                report[0] = refused;
                return recorded.audited(now + AUDIT_INTERVAL.toNanos());
            }
            return recorded.refusedQuietly(refused);
        });
        return report[0];
    }

    private static Duration backOff(int beyondFree) {
        int doublings = Math.min(beyondFree - 1, 30);
        Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << doublings);
        return (backOff.compareTo(MAX_BACK_OFF) > 0) ? MAX_BACK_OFF : backOff;
    }

    private record Failures(int count, long blockedUntilTick, long unauditedRefusals, long nextAuditTick) {

        Failures failedAgain(int count, long blockedUntilTick) {
            return new Failures(count, blockedUntilTick, this.unauditedRefusals, this.nextAuditTick);
        }

        Failures refusedQuietly(long refused) {
            return new Failures(this.count, this.blockedUntilTick, refused, this.nextAuditTick);
        }

        Failures audited(long nextAuditTick) {
            return new Failures(this.count, this.blockedUntilTick, 0, nextAuditTick);
        }
    }
}
