package dev.sessionbroker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.lettuce.core.ClientOptions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.util.TestSocketUtils;

import redis.embedded.RedisServer;

/**
 * A real redis-server process (the binary ships in the embedded-redis artifact) on loopback,
 * and a client of its own for tests that look into the store or clear it.
 */
final class EmbeddedRedis implements AutoCloseable {

    private final int port = TestSocketUtils.findAvailableTcpPort();

    private final LettuceConnectionFactory connections;

    private final StringRedisTemplate client;

    private RedisServer server;

    EmbeddedRedis() {
        start();
        this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", this.port));
        this.connections.afterPropertiesSet();
        this.connections.start();
        this.client = new StringRedisTemplate(this.connections);
    }

    int port() {
        return this.port;
    }

    StringRedisTemplate client() {
        return this.client;
    }

    /**
     * A started connection factory of the caller's own, connected as the broker connects
     * ({@link StoreConfiguration}): commands fail at once while Redis is away. The caller
     * destroys it.
     */
    LettuceConnectionFactory connectLikeTheBroker() {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", this.port),
                LettuceClientConfiguration.builder()
                    .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .build())
                    .commandTimeout(Duration.ofSeconds(2))
                    .build());
        connections.afterPropertiesSet();
        connections.start();
        return connections;
    }

    /** Every replica's sessions, locks and cool-downs gone. */
    void flushAll() {
        this.client.execute((RedisCallback<Object>) (connection) -> {
            connection.serverCommands().flushAll();
            return null;
        });
    }

    void start() {
        try {
            this.server = RedisServer.newRedisServer().port(this.port).bind("127.0.0.1").setting("save \"\"").build();
            this.server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void stop() {
        try {
            this.server.stop();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        this.connections.destroy();
        stop();
    }
}
