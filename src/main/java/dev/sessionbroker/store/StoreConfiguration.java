package dev.sessionbroker.store;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.ClientOptions;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.sessionbroker.broker.CoolDowns;
import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.broker.LoginAttempts;
import dev.sessionbroker.broker.SessionSource;
import dev.sessionbroker.broker.SharedSessionSource;
import dev.sessionbroker.vendor.Vendors;

/** Wires the shared store; nothing here exists unless {@code broker.store: redis}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "broker.store", havingValue = "redis")
class StoreConfiguration {

    /**
     * Commands fail at once while Redis is disconnected instead of queueing for the command
     * timeout: the broker then serves from Caffeine or logs in locally right away.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    RedisSessionStore redisSessionStore(StringRedisTemplate redis, BrokerProperties properties) {
        return new RedisSessionStore(redis, properties.redis().keyPrefix());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService sharedStoreExecutor() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("shared-store-");
        threads.setDaemon(true);
        return Executors.newCachedThreadPool(threads);
    }

    /** One thread, small queue, drops when full: touches are best effort by design. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService sharedStoreTouches() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("shared-store-touch-");
        threads.setDaemon(true);
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), threads,
                new ThreadPoolExecutor.DiscardPolicy());
    }

    @Bean
    SessionSource sharedSessionSource(RedisSessionStore store, Vendors vendors, LoginAttempts loginAttempts,
            CoolDowns coolDowns, ExecutorService sharedStoreExecutor, ExecutorService sharedStoreTouches, Clock clock,
            Ticker ticker, BrokerProperties properties, RedisMessageListenerContainer changes) {
        SharedSessionSource source = new SharedSessionSource(store, vendors, loginAttempts, coolDowns,
                sharedStoreExecutor, sharedStoreTouches, clock, ticker, properties.redis().touchInterval());
        // Boot's listener container; it resubscribes by itself when Redis comes back.
        changes.addMessageListener(RedisSessionStore.changeListener(source), new ChannelTopic(store.channel()));
        return source;
    }

    /** "sessionStore" in /actuator/health; not part of the liveness or readiness groups. */
    @Bean
    HealthIndicator sessionStoreHealthIndicator(RedisConnectionFactory connectionFactory) {
        return () -> {
            try (RedisConnection connection = connectionFactory.getConnection()) {
                return Health.up().withDetail("store", "redis").withDetail("ping", connection.ping()).build();
            }
            catch (RuntimeException ex) {
                return Health.down().withDetail("store", "redis").withDetail("error", ex.getClass().getSimpleName())
                    .build();
            }
        };
    }
}
