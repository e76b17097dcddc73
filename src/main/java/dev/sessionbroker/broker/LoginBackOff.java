package dev.sessionbroker.broker;

import java.util.concurrent.TimeUnit;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.Sleeper;

/**
 * Sleeps the delay {@link LoginRetryPolicy} chose for the next attempt. The two are split
 * because spring-retry asks the policy whether to retry before it asks the back-off to wait,
 * and the policy needs the delay to keep the total time bounded.
 */
final class LoginBackOff implements BackOffPolicy {

    private final Sleeper sleeper;

    LoginBackOff(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public BackOffContext start(RetryContext context) {
        return new Holder(context);
    }

    @Override
    public void backOff(BackOffContext backOffContext) {
        Object delay = ((Holder) backOffContext).retryContext().getAttribute(LoginRetryPolicy.NEXT_DELAY);
        if (delay == null) {
            return;
        }
        try {
            this.sleeper.sleep(TimeUnit.NANOSECONDS.toMillis((long) delay));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new BackOffInterruptedException("Interrupted while waiting to retry a login", ex);
        }
    }

    private record Holder(RetryContext retryContext) implements BackOffContext {
    }
}
