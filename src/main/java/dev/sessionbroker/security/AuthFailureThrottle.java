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
 * The address is the peer's, or the client's as a trusted proxy forwarded it
 * ({@link TrustedProxies}): never what an untrusted caller wrote in a header. Time is the Caffeine {@link Ticker}, so tests drive it without sleeping.
 */
final class AuthFailureThrottle {

    /** Enough for a client whose token was just rotated to notice, not enough to guess. */
    static final int FREE_FAILURES = 5;

    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);

    static final Duration MAX_BACK_OFF = Duration.ofMinutes(15);

    static final Duration MEMORY = Duration.ofMinutes(30);

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
            return new Failures(count, blockedUntil);
        });
    }

    private static Duration backOff(int beyondFree) {
        int doublings = Math.min(beyondFree - 1, 30);
        Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << doublings);
        return (backOff.compareTo(MAX_BACK_OFF) > 0) ? MAX_BACK_OFF : backOff;
    }

    private record Failures(int count, long blockedUntilTick) {
    }
}
