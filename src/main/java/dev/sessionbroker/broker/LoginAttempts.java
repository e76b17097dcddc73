package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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
import dev.sessionbroker.vendor.VendorSettings;
import dev.sessionbroker.vendor.VendorSettings.RetrySettings;
import dev.sessionbroker.vendor.LoginFailure;
import dev.sessionbroker.vendor.LoginResult;
import dev.sessionbroker.vendor.SessionFingerprint;
import dev.sessionbroker.vendor.VendorClient;

/**
 * Runs one vendor login off the request threads, so that callers waiting on a slow vendor
 * hold no servlet thread: transient failures are retried (spring-retry), a rejection starts
 * the vendor's cool-down, and every attempt is logged and reported. Whether a login is needed
 * at all is decided by {@link SessionBroker}.
 */
public final class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    private final Map<String, VendorClient> clients;

    private final LoginHistory history;

    private final CoolDowns coolDowns;

    private final Executor executor;

    private final Sleeper sleeper;

    private final Clock clock;

    private final Ticker ticker;

    private final BrokerListener listener;

    private final LoginPacing pacing;

    public LoginAttempts(Map<String, VendorClient> clients, LoginHistory history, CoolDowns coolDowns, LoginPacing pacing,
            Executor executor, Sleeper sleeper, Clock clock, Ticker ticker, BrokerListener listener) {
        this.pacing = pacing;
        this.clients = clients;
        this.history = history;
        this.coolDowns = coolDowns;
        this.executor = executor;
        this.sleeper = sleeper;
        this.clock = clock;
        this.ticker = ticker;
        this.listener = listener;
    }

    /** Each configured vendor's adapter, by vendor name. */
    Map<String, VendorClient> clients() {
        return this.clients;
    }

    /**
     * Starts a login, or fails at once while the vendor is cooling down after a rejection: the
     * vendor is not contacted then, however many callers ask.
     */
    public CompletableFuture<Session> start(VendorSettings vendor) {
        return start(vendor, null);
    }

    /**
     * As {@link #start(VendorSettings)}, with a one-time password for an account with MFA.
     * Such a login is an operator's deliberate single attempt: it is not held back by a
     * cool-down (the MFA refusal started one) and never retried (the code is single-use).
     */
    public CompletableFuture<Session> start(VendorSettings vendor, @Nullable Secret otp) {
        if (otp == null) {
            try {
                this.coolDowns.check(vendor.name());
            }
            catch (BrokerException ex) {
                return CompletableFuture.failedFuture(ex);
            }
        }
        return CompletableFuture.supplyAsync(() -> loginWithRetries(vendor, otp), this.executor);
    }

    /**
     * Another replica logged in to this vendor at this moment (read from the shared store), so
     * that the next login here keeps the interval to it too.
     */
    public void loggedInElsewhere(String vendor, Instant at) {
        this.pacing.loggedIn(vendor, at);
    }

    private Session loginWithRetries(VendorSettings vendor, @Nullable Secret otp) {
        this.pacing.awaitTurn(vendor);
        RetryTemplate retry = new RetryTemplate();
        RetrySettings settings = (otp != null) ? new RetrySettings(1, vendor.retry().initialBackoff(),
                vendor.retry().maxBackoff(), vendor.retry().maxTotal()) : vendor.retry();
        retry.setRetryPolicy(new LoginRetryPolicy(settings, this.ticker));
        retry.setBackOffPolicy(new LoginBackOff(this.sleeper));
        retry.setThrowLastExceptionOnExhausted(true);
        try {
            LoginResult result = retry
                .execute((RetryContext context) -> attempt(vendor, otp, context.getRetryCount() + 1));
            Session session = new Session(vendor.name(), result.sessionId(), this.clock.instant(), this.ticker.read());
            this.history.succeeded(vendor.name(), session.obtainedAt());
            return session;
        }
        catch (LoginFailure failure) {
            this.history.failed(vendor.name(), failure, this.clock.instant());
            if (failure instanceof LoginFailure.Rejected rejected) {
                this.coolDowns.start(vendor.name(), rejected, vendor.rejectionCooldown());
                log.warn("cool-down vendor={} until={} status={}", vendor.name(),
                        this.clock.instant().plus(vendor.rejectionCooldown()), rejected.vendorStatus());
            }
            throw failure;
        }
    }

    private LoginResult attempt(VendorSettings vendor, @Nullable Secret otp, int attempt) {
        long started = this.ticker.read();
        try {
            VendorClient client = Objects.requireNonNull(this.clients.get(vendor.name()), vendor.name());
            LoginResult result = (otp != null) ? client.login(otp) : client.login();
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
