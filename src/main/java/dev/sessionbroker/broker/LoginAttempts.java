package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.vendor.LoginFailure;
import dev.sessionbroker.vendor.LoginResult;
import dev.sessionbroker.vendor.VendorClient;

/**
 * Runs one vendor login off the request threads, so that callers waiting on a slow vendor
 * hold no servlet thread, and records and logs its outcome. Whether a login is needed at all
 * is decided by {@link SessionBroker}.
 */
final class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    private final Map<String, VendorClient> clients;

    private final LoginHistory history;

    private final Executor executor;

    private final Clock clock;

    private final Ticker ticker;

    private final BrokerListener listener;

    LoginAttempts(Map<String, VendorClient> clients, LoginHistory history, Executor executor, Clock clock,
            Ticker ticker, BrokerListener listener) {
        this.listener = listener;
        this.clients = clients;
        this.history = history;
        this.executor = executor;
        this.clock = clock;
        this.ticker = ticker;
    }

    CompletableFuture<Session> start(VendorSettings vendor) {
        return CompletableFuture.supplyAsync(() -> attempt(vendor), this.executor);
    }

    private Session attempt(VendorSettings vendor) {
        long started = this.ticker.read();
        try {
            LoginResult result = this.clients.get(vendor.name()).login();
            Session session = new Session(vendor.name(), result.sessionId(), this.clock.instant(), this.ticker.read());
            this.history.succeeded(vendor.name(), session.obtainedAt());
            Duration latency = since(started);
            this.listener.loginFinished(vendor.name(), "success", latency, 1);
            log.info("login vendor={} outcome=success attempt=1 latencyMs={} session={}", vendor.name(),
                    latency.toMillis(), session.fingerprint());
            return session;
        }
        catch (LoginFailure failure) {
            this.history.failed(vendor.name(), failure, this.clock.instant());
            Duration latency = since(started);
            this.listener.loginFinished(vendor.name(), failure.kind(), latency, 1);
            log.warn("login vendor={} outcome={} attempt=1 latencyMs={} detail=\"{}\"", vendor.name(),
                    failure.kind(), latency.toMillis(), failure.getMessage());
            throw failure;
        }
    }

    private Duration since(long startTick) {
        return Duration.ofNanos(this.ticker.read() - startTick);
    }
}
