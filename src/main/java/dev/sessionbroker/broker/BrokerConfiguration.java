package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.config.Vendors;
import dev.sessionbroker.vendor.VendorClients;
import dev.sessionbroker.vendor.VendorDefinition;
import dev.sessionbroker.vendor.VendorTypes;

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
     * The built-in vendor types, and any further {@link VendorDefinition} beans (a vendor of
     * one's own, or a test's).
     */
    @Bean
    Vendors vendors(BrokerProperties properties, ObjectProvider<VendorDefinition> moreTypes) {
        return Vendors.from(properties, VendorTypes.with(moreTypes.orderedStream().toList()));
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
    LoginClients loginClients(Vendors vendors, VendorClients vendorClients) {
        return new LoginClients(vendors, vendorClients);
    }

    @Bean
    SessionBroker sessionBroker(Vendors vendors, LoginClients loginClients, ExecutorService vendorLoginExecutor,
            Sleeper sleeper, Clock clock, Ticker ticker, ObjectProvider<BrokerListener> listeners,
            ObjectProvider<SessionSourceFactory> sharedStore) {
        BrokerListener listener = new CompositeBrokerListener(listeners.orderedStream().toList());
        LoginHistory history = new LoginHistory();
        CoolDowns coolDowns = new CoolDowns(clock);
        LoginAttempts logins = new LoginAttempts(loginClients.byName(), history, coolDowns,
                new LoginPacing(clock, listener), vendorLoginExecutor, sleeper, clock, ticker, listener);
        SessionSourceFactory factory = sharedStore.getIfAvailable();
        SessionSource source = (factory != null) ? factory.create(logins, coolDowns) : new LocalSessionSource(logins);
        return new SessionBroker(vendors, source, history, coolDowns, clock, ticker, listener);
    }

    /** Ends cached sessions at vendors that document a logout, within 5 s, on shutdown. */
    @Bean
    ShutdownLogout shutdownLogout(SessionBroker sessionBroker, LoginClients loginClients) {
        return new ShutdownLogout(sessionBroker, loginClients.byName(), Duration.ofSeconds(5));
    }
}
