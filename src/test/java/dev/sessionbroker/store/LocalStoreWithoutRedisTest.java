package dev.sessionbroker.store;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.ReactiveRedisOperations;

import dev.sessionbroker.support.BrokerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default local store starts no Redis machinery: no connection factory (Lettuce, its
 * client resources, Netty) and no templates. The shared store's own tests (SharedStoreTest,
 * SharedStoreOutageTest, ReplicasOverRedisTest) show {@code broker.store: redis} still gets it.
 */
class LocalStoreWithoutRedisTest extends BrokerFixture {

    @Autowired
    ApplicationContext context;

    @Test
    void localStoreHasNoRedisBeans() {
        assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(this.context.getBeanNamesForType(RedisOperations.class)).isEmpty();
        assertThat(this.context.getBeanNamesForType(ReactiveRedisOperations.class)).isEmpty();
        assertThat(this.context.getBeanNamesForType(io.lettuce.core.resource.ClientResources.class)).isEmpty();
    }
}
