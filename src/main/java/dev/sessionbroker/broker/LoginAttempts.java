package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.support.RetryTemplate;

import dev.sessionbroker.broker.BrokerListener.LoginOutcome;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.VendorSettings.RetrySettings;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.OneTimePasswordLogin;
import dev.sessionbroker.adapter.SessionFingerprint;
import dev.sessionbroker.adapter.VendorClient;

/**
 * Runs one vendor login on the calling login thread: transient failures are retried
 * (spring-retry), every attempt is logged and reported, and the outcome is kept for listings
 * and health. Whether a login is needed at all, and when it may start, is decided by
 * {@link SessionBroker}.
 */
public final class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    private final Map<String, VendorClient> clients;

    private final LoginHistory history;

    private final Sleeper sleeper;

    private final Clock clock;

    private final Ticker ticker;

    private final BrokerListener listener;

    public LoginAttempts(Map<String, VendorClient> clients, LoginHistory history, Sleeper sleeper, Clock clock,
            Ticker ticker, BrokerListener listener) {
        this.clients = clients;
        this.history = history;
        this.sleeper = sleeper;
        this.clock = clock;
        this.ticker = ticker;
        this.listener = listener;
    }

    /** Whether the vendor's adapter can log in with a one-time password. */
    boolean takesOneTimePassword(String vendor) {
        return this.clients.get(vendor) instanceof OneTimePasswordLogin;
    }

    /** Each configured vendor's adapter, by vendor name. */
    Map<String, VendorClient> clients() {
        return this.clients;
    }

    /**
     * Logs in, retrying transient failures. A login with a one-time password is never
     * retried: the code is single-use.
     * @throws LoginFailure when no session came of it
     */
    Session login(VendorSettings vendor, @Nullable Secret otp) {
        RetryTemplate retry = new RetryTemplate();
        RetrySettings settings = (otp != null) ? new RetrySettings(1, vendor.retry().initialBackoff(),
                vendor.retry().maxBackoff(), vendor.retry().maxTotal()) : vendor.retry();
        retry.setRetryPolicy(new LoginRetryPolicy(settings, this.ticker));
        retry.setBackOffPolicy(new LoginBackOff(this.sleeper));
        retry.setThrowLastExceptionOnExhausted(true);
        try {
            LoginResult result = retry
                .execute((RetryContext context) -> attempt(vendor, otp, context.getRetryCount() + 1));
            Session session = Session.of(vendor, result.sessionId(), this.clock.instant(), this.ticker.read());
            if (session.lifetimeNanos() == 0) {
                // Handed out, it would be replaced at once, by a login that fares no better.
                throw new LoginFailure.Unusable(vendor.name(), "the session says it ended before it arrived "
                        + "(a token's exp behind the broker's clock): check the clocks of the vendor and the broker");
            }
            this.history.succeeded(vendor.name(), session.obtainedAt());
            return session;
        }
        catch (LoginFailure failure) {
            this.history.failed(vendor.name(), failure, this.clock.instant());
            throw failure;
        }
    }

    /** Ends a session at the vendor, where it documents a logout; a failure is logged, never thrown. */
    void logout(Session session, String why) {
        try {
            VendorClient client = this.clients.get(session.vendor());
            if (client != null) {
                client.logout(session.sessionId());
            }
            log.info("logout vendor={} session={} reason={} outcome=done", session.vendor(), session.fingerprint(), why);
        }
        catch (RuntimeException ex) {
            log.warn("logout vendor={} session={} reason={} outcome=failed detail=\"{}\"", session.vendor(),
                    session.fingerprint(), why, ex.getMessage());
        }
    }

    private LoginResult attempt(VendorSettings vendor, @Nullable Secret otp, int attempt) {
        long started = this.ticker.read();
        try {
            VendorClient client = Objects.requireNonNull(this.clients.get(vendor.name()), vendor.name());
            // The broker refuses a one-time password for a client without that capability
            // before any login (otp-not-supported), so otp is null for every other client.
            LoginResult result = (otp != null && client instanceof OneTimePasswordLogin withOtp) ? withOtp.login(otp)
                    : client.login();
            Duration latency = since(started);
            this.listener.loginFinished(vendor.name(), LoginOutcome.SUCCESS, latency, attempt);
            String session = SessionFingerprint.of(result.sessionId());
            loginEvent(log.atInfo(), vendor.name(), LoginOutcome.SUCCESS, attempt, latency)
                .addKeyValue("broker.session", session)
                .log("login vendor={} outcome=success attempt={} latencyMs={} session={}", vendor.name(), attempt,
                        latency.toMillis(), session);
            return result;
        }
        catch (LoginFailure failure) {
            Duration latency = since(started);
            LoginOutcome outcome = LoginOutcome.of(failure.kind());
            this.listener.loginFinished(vendor.name(), outcome, latency, attempt);
            loginEvent(log.atWarn(), vendor.name(), outcome, attempt, latency)
                .addKeyValue("error.message", failure.getMessage())
                .log("login vendor={} outcome={} attempt={} latencyMs={} detail=\"{}\"", vendor.name(),
                        outcome.label(), attempt, latency.toMillis(), failure.getMessage());
            throw failure;
        }
        catch (RuntimeException ex) {
            // A bug or an unforeseen client error: report it as an unusable exchange rather
            // than let an unexpected type escape the sealed set of failures.
            log.error("login vendor={} outcome=unusable attempt={} unexpected error", vendor.name(), attempt, ex);
            this.listener.loginFinished(vendor.name(), LoginOutcome.UNUSABLE, since(started), attempt);
            throw new LoginFailure.Unusable(vendor.name(), "unexpected error talking to the vendor ("
                    + ex.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The login's fields for structured logs, named to fit ECS: event.action and
     * event.duration (nanoseconds) are ECS's own, the rest is under broker.*.
     */
    private static LoggingEventBuilder loginEvent(LoggingEventBuilder event, String vendor, LoginOutcome outcome,
            int attempt, Duration latency) {
        return event.addKeyValue("event.action", "login")
            .addKeyValue("event.duration", latency.toNanos())
            .addKeyValue("broker.vendor", vendor)
            .addKeyValue("broker.outcome", outcome.label())
            .addKeyValue("broker.attempt", attempt);
    }

    private Duration since(long startTick) {
        return Duration.ofNanos(this.ticker.read() - startTick);
    }
}
