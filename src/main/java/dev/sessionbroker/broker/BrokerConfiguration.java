package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.vendor.Vendors;
import dev.sessionbroker.vendor.VendorClient;
import dev.sessionbroker.vendor.VendorClients;
import dev.sessionbroker.vendor.VendorDefinition;

/**
 * Wires the broker. Time comes from beans so that tests can drive expiry with a fake
 * clock and ticker instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Ticker ticker() {
        return Ticker.systemTicker();
    }

    /** How login back-off waits; tests replace it with one that advances a fake clock. */
    @Bean
    Sleeper loginBackOffSleeper() {
        return new ThreadWaitSleeper();
    }

    /**
     * Every {@link VendorDefinition} bean is a vendor type: the built-in ones (components in
     * their own packages) and any further one (a vendor of one's own, or a test's).
     */
    @Bean
    Vendors vendors(BrokerProperties properties, List<VendorDefinition> types) {
        return Vendors.from(properties, types);
    }

    /**
     * Single-flight means at most one login in flight per vendor, so this pool never grows
     * past the number of vendors; a hanging vendor holds one of its threads, never a
     * request thread.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService vendorLoginExecutor() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("vendor-login-");
        threads.setDaemon(true);
        return Executors.newCachedThreadPool(threads);
    }

    @Bean
    LoginHistory loginHistory() {
        return new LoginHistory();
    }

    @Bean
    CoolDowns coolDowns(Clock clock) {
        return new CoolDowns(clock);
    }

    @Bean
    LoginPacing loginPacing(Clock clock, ObjectProvider<BrokerListener> listener) {
        return new LoginPacing(clock, listener(listener));
    }

    /**
     * One adapter per configured vendor, built once and shared with the shutdown logout: each
     * holds an HTTP client with its own connection pool.
     */
    @Bean
    LoginAttempts loginAttempts(Vendors vendors, VendorClients vendorClients, LoginHistory loginHistory,
            CoolDowns coolDowns, LoginPacing loginPacing, ExecutorService vendorLoginExecutor, Sleeper sleeper,
            Clock clock, Ticker ticker, ObjectProvider<BrokerListener> listener) {
        Map<String, VendorClient> clients = new LinkedHashMap<>();
        vendors.all().forEach((vendor) -> clients.put(vendor.name(), vendorClients.create(vendor)));
        return new LoginAttempts(Collections.unmodifiableMap(clients), loginHistory, coolDowns, loginPacing,
                vendorLoginExecutor, sleeper, clock, ticker, listener(listener));
    }

    /** The default store: every session from this replica's own login. */
    @Bean
    @ConditionalOnProperty(name = "broker.store", havingValue = "local", matchIfMissing = true)
    SessionSource localSessionSource(LoginAttempts loginAttempts) {
        return new LocalSessionSource(loginAttempts);
    }

    @Bean
    SessionBroker sessionBroker(Vendors vendors, SessionSource sessionSource, LoginHistory loginHistory,
            CoolDowns coolDowns, Clock clock, Ticker ticker, ObjectProvider<BrokerListener> listener) {
        return new SessionBroker(vendors, sessionSource, loginHistory, coolDowns, clock, ticker, listener(listener));
    }

    /** The one listener (metrics), or none in a context without a meter registry. */
    static BrokerListener listener(ObjectProvider<BrokerListener> listener) {
        return listener.getIfAvailable(() -> BrokerListener.NONE);
    }

    /** Ends cached sessions at vendors that document a logout, within 5 s, on shutdown. */
    @Bean
    ShutdownLogout shutdownLogout(SessionBroker sessionBroker, LoginAttempts loginAttempts) {
        return new ShutdownLogout(sessionBroker, loginAttempts.clients(), Duration.ofSeconds(5));
    }
}
