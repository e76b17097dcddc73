package dev.sessionbroker.store;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

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

import dev.sessionbroker.broker.SessionStore;
import dev.sessionbroker.config.BrokerProperties;

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

    /** Boot's listener container resubscribes by itself when Redis comes back. */
    @Bean
    SessionStore redisSessionStore(StringRedisTemplate redis, BrokerProperties properties,
            RedisMessageListenerContainer changes) {
        RedisSessionStore store = new RedisSessionStore(redis, properties.redis().keyPrefix());
        changes.addMessageListener(store.changeMessages(), new ChannelTopic(store.channel()));
        return store;
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

    /**
     * {@code broker.store.up}: a PING at each scrape, as the health check does, answered at
     * once while Lettuce is disconnected (commands are rejected) and within
     * {@code spring.data.redis.timeout} otherwise.
     */
    @Bean
    MeterBinder sessionStoreUpGauge(RedisConnectionFactory connectionFactory) {
        return (registry) -> Gauge.builder("broker.store.up", () -> reachable(connectionFactory) ? 1 : 0)
            .description("1 while the session store is reachable, else 0 (always 1 for the local store)")
            .tag("store", "redis")
            .register(registry);
    }

    private static boolean reachable(RedisConnectionFactory connectionFactory) {
        try (RedisConnection connection = connectionFactory.getConnection()) {
            return "PONG".equalsIgnoreCase(connection.ping());
        }
        catch (RuntimeException ex) {
            return false;
        }
    }
}
