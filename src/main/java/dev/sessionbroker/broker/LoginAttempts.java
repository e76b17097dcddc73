package dev.sessionbroker.broker;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

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

    LoginAttempts(Map<String, VendorClient> clients, LoginHistory history, Executor executor, Clock clock,
            Ticker ticker) {
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
            log.info("login vendor={} outcome=success latencyMs={} session={}", vendor.name(), millisSince(started),
                    session.fingerprint());
            return session;
        }
        catch (LoginFailure failure) {
            this.history.failed(vendor.name(), failure, this.clock.instant());
            log.warn("login vendor={} outcome={} latencyMs={} detail=\"{}\"", vendor.name(), failure.kind(),
                    millisSince(started), failure.getMessage());
            throw failure;
        }
    }

    private long millisSince(long startTick) {
        return TimeUnit.NANOSECONDS.toMillis(this.ticker.read() - startTick);
    }
}
