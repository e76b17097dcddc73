package dev.sessionbroker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.util.TestSocketUtils;

import redis.embedded.RedisServer;

/**
 * A real redis-server process on loopback (the binary ships in the embedded-redis artifact)
 * that a test can stop, start again on the same port, or pause, as an operator or an outage
 * would, and look into with a client of its own. Nothing is persisted: a restarted server is
 * empty, as a Redis without persistence is after a crash.
 */
public final class LiveRedis implements AutoCloseable {

    private final int port = TestSocketUtils.findAvailableTcpPort();

    private final LettuceConnectionFactory connections;

    private final StringRedisTemplate client;

    private RedisServer server;

    public LiveRedis() {
        start();
        this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", this.port));
        this.connections.afterPropertiesSet();
        this.connections.start();
        this.client = new StringRedisTemplate(this.connections);
    }

    public int port() {
        return this.port;
    }

    /** The session ID the replicas share for a vendor, or null (key layout of RedisSessionStore). */
    public String sharedSessionId(String vendor) {
        Object id = this.client.opsForHash().get("session-broker:{" + vendor + "}:session", "id");
        return (id != null) ? id.toString() : null;
    }

    /** {@code CLIENT PAUSE <ms> ALL}: every client's commands wait, the connections stay up. */
    public void pause(Duration duration) {
        this.client.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT",
                bytes("PAUSE"), bytes(Long.toString(duration.toMillis())), bytes("ALL")));
    }

    public void start() {
        try {
            this.server = RedisServer.newRedisServer().port(this.port).bind("127.0.0.1").setting("save \"\"").build();
            this.server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public void stop() {
        try {
            this.server.stop();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        this.connections.destroy();
        stop();
    }
}
