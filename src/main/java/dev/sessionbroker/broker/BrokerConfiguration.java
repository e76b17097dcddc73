package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import jakarta.validation.Validator;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.adapter.VendorEntries;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorClients;
import dev.sessionbroker.adapter.VendorDefinition;

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
     * their own packages) and any further one (a vendor of one's own, or a test's). Each
     * vendor entry is bound from the environment with its type's settings block, whose
     * constraints the application's validator checks.
     */
    @Bean
    Vendors vendors(ConfigurableEnvironment environment, List<VendorDefinition<?>> types, Validator validator) {
        return Vendors.from(new VendorEntries(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), new SpringValidatorAdapter(validator)), types);
    }

    /**
     * Logins, one per vendor at a time (the broker's gate), so never more threads than
     * vendors; a hanging vendor holds one of them, never a request thread. Idle threads end.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService vendorLoginExecutor(Vendors vendors) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("vendor-login-");
        threads.setDaemon(true);
        int size = Math.max(1, vendors.all().size());
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** One thread, small queue, drops when full: telling the store of hand-outs is best effort by design. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService sessionStoreTouches() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("session-store-touch-");
        threads.setDaemon(true);
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), threads,
                new ThreadPoolExecutor.DiscardPolicy());
    }

    @Bean
    LoginHistory loginHistory() {
        return new LoginHistory();
    }

    @Bean
    CoolDowns coolDowns(Clock clock) {
        return new CoolDowns(clock);
    }

    /**
     * One adapter per configured vendor, built once: each holds an HTTP client with its own
     * connection pool.
     */
    @Bean
    LoginAttempts loginAttempts(Vendors vendors, VendorClients vendorClients, LoginHistory loginHistory,
            Sleeper sleeper, Clock clock, Ticker ticker, ObjectProvider<BrokerListener> listener) {
        Map<String, VendorClient> clients = new LinkedHashMap<>();
        vendors.all().forEach((vendor) -> clients.put(vendor.name(), vendorClients.create(vendor)));
        return new LoginAttempts(Collections.unmodifiableMap(clients), loginHistory, sleeper, clock, ticker,
                listener(listener));
    }

    /**
     * Over the store the {@code store} package provides ({@code broker.store: redis}), or, by
     * default, this process's memory: the mode is chosen there and nowhere else.
     */
    @Bean
    SessionBroker sessionBroker(Vendors vendors, ObjectProvider<SessionStore> sessionStore, LoginAttempts loginAttempts,
            CoolDowns coolDowns, LoginHistory loginHistory, ExecutorService vendorLoginExecutor,
            ExecutorService sessionStoreTouches, BrokerProperties properties, Clock clock, Ticker ticker,
            ObjectProvider<BrokerListener> listener, ApplicationEventPublisher events) {
        BrokerListener brokerListener = listener(listener);
        return new SessionBroker(vendors, sessionStore.getIfAvailable(() -> new LocalSessionStore(ticker)), loginAttempts, new LoginPacing(clock, brokerListener),
                coolDowns, loginHistory, vendorLoginExecutor, sessionStoreTouches, properties.redis().touchInterval(),
                clock, ticker, brokerListener, events);
    }

    /** The one listener (metrics), or none in a context without a meter registry. */
    static BrokerListener listener(ObjectProvider<BrokerListener> listener) {
        return listener.getIfAvailable(() -> BrokerListener.NONE);
    }

    /** Ends the sessions only this replica knows, at vendors that document a logout, within 5 s, on shutdown. */
    @Bean
    ShutdownLogout shutdownLogout(SessionBroker sessionBroker) {
        return new ShutdownLogout(sessionBroker, Duration.ofSeconds(5));
    }
}
