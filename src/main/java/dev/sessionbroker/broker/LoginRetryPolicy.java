package dev.sessionbroker.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.retry.RetryContext;
import org.springframework.retry.policy.SimpleRetryPolicy;

import dev.sessionbroker.adapter.VendorSettings.RetrySettings;
import dev.sessionbroker.adapter.LoginFailure;

/**
 * Which login failures are retried, and how long to wait before the next attempt. Only
 * transient failures and timeouts qualify; a rejected login or an unusable answer never
 * does. The wait is exponential with jitter, at least the vendor's {@code Retry-After}, and
 * no retry is made that would end past {@code max-total}.
 */
final class LoginRetryPolicy extends SimpleRetryPolicy {

    static final String NEXT_DELAY = "broker.nextDelayNanos";

    private static final String STARTED = "broker.startedNanos";

    private final RetrySettings settings;

    private final Ticker ticker;

    LoginRetryPolicy(RetrySettings settings, Ticker ticker) {
        super(settings.maxAttempts(), Map.of(LoginFailure.Transient.class, true, LoginFailure.TimedOut.class, true),
                false);
        this.settings = settings;
        this.ticker = ticker;
    }

    @Override
    public RetryContext open(RetryContext parent) {
        RetryContext context = super.open(parent);
        context.setAttribute(STARTED, this.ticker.read());
        return context;
    }

    @Override
    public void registerThrowable(RetryContext context, Throwable failure) {
        super.registerThrowable(context, failure);
        context.setAttribute(NEXT_DELAY, nextDelayNanos(context.getRetryCount(), failure));
    }

    @Override
    public boolean canRetry(RetryContext context) {
        if (!super.canRetry(context)) {
            return false;
        }
        Object delay = context.getAttribute(NEXT_DELAY);
        Object started = context.getAttribute(STARTED);
        if (delay == null || started == null) {
            return true;
        }
        long elapsed = this.ticker.read() - (long) started;
        return elapsed + (long) delay <= this.settings.maxTotal().toNanos();
    }

    /** Equal jitter: half the exponential step fixed, half random, so retries spread out. */
    private long nextDelayNanos(int failures, Throwable failure) {
        long step = this.settings.initialBackoff().toNanos() << Math.min(failures - 1, 20);
        long capped = Math.min(step, this.settings.maxBackoff().toNanos());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (failure instanceof LoginFailure.Transient transientFailure && transientFailure.retryAfter() != null) {
            Duration retryAfter = transientFailure.retryAfter();
            return Math.max(jittered, retryAfter.toNanos());
        }
        return jittered;
    }
}
