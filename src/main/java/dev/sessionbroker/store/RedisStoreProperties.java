package dev.sessionbroker.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Redis store, used with {@code broker.store: redis}. The connection itself is Spring
 * Boot's {@code spring.data.redis.*} (host, port, password, SSL bundle, sentinel, cluster).
 *
 * @param keyPrefix prefix of every key and of the change channel, so that several brokers
 * can share one Redis
 * @param touchInterval how often at most a replica that keeps handing out a session extends
 * its idle deadline in Redis; uses in between are not propagated one by one
 */
@ConfigurationProperties("broker.redis")
public record RedisStoreProperties(@DefaultValue("session-broker") String keyPrefix,
        @DefaultValue("5s") Duration touchInterval) {
}
