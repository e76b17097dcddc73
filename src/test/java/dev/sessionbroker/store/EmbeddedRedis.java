package dev.sessionbroker.store;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.test.util.TestSocketUtils;

import redis.embedded.RedisServer;

/** A real redis-server process (the binary ships in the embedded-redis artifact) on loopback. */
final class EmbeddedRedis implements AutoCloseable {

    private final int port = TestSocketUtils.findAvailableTcpPort();

    private RedisServer server;

    EmbeddedRedis() {
        start();
    }

    int port() {
        return this.port;
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
        stop();
    }
}
