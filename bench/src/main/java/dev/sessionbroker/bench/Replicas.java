package dev.sessionbroker.bench;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import redis.embedded.RedisServer;

/**
 * Two broker replicas sharing one Redis ({@code broker.store=redis}): a cold herd split over
 * both replicas must cost one vendor login, and the cached hot path must cost what it costs
 * in local mode (no network hop on a hit).
 */
final class Replicas {

    private static final int HERD = 1000;

    private static final long LOGIN_MILLIS = 200;

    private Replicas() {
    }

    static void run(Path results) throws Exception {
        int redisPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        List<String> vendors = List.of("warm-up", "herd-r1", "herd-r2", "herd-r3", "hot");
        String[] redisArgs = { "--broker.store=redis", "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort };
        try (StubVendor stub = new StubVendor();
                BrokerProcess first = BrokerProcess.start(stub, vendors, "10s", results.resolve("replica-1.log"),
                        redisArgs);
                BrokerProcess second = BrokerProcess.start(stub, vendors, "10s", results.resolve("replica-2.log"),
                        redisArgs);
                BrokerProcess local = BrokerProcess.start(stub, vendors, "10s", results.resolve("local.log"))) {
            vendors.forEach((vendor) -> stub.delay(vendor, LOGIN_MILLIS));
            first.untilFirstSession("warm-up");
            second.untilFirstSession("warm-up");
            local.untilFirstSession("warm-up");
            for (int r = 1; r <= 3; r++) {
                String vendor = "herd-r" + r;
                CompletableFuture<List<Callers.Answer>> onFirst = fire(first, vendor, HERD / 2);
                CompletableFuture<List<Callers.Answer>> onSecond = fire(second, vendor, HERD / 2);
                List<Callers.Answer> answers = new ArrayList<>(onFirst.join());
                answers.addAll(onSecond.join());
                System.out.println("replicas herd n=" + HERD + " (500 per replica) repeat=" + r + " vendor_logins="
                        + stub.logins(vendor) + " " + Harness.describe(answers) + " login_ms=" + LOGIN_MILLIS);
            }
            first.untilFirstSession("hot");
            local.untilFirstSession("hot");
            var onReplica = first.request("/sessions/hot").header("Accept", "text/plain").GET().build();
            var onLocal = local.request("/sessions/hot").header("Accept", "text/plain").GET().build();
            ClosedLoopLoad.run(onReplica, 8, Duration.ofSeconds(5));
            ClosedLoopLoad.run(onLocal, 8, Duration.ofSeconds(5));
            for (int round = 1; round <= 3; round++) {
                ClosedLoopLoad.Result redisMode = ClosedLoopLoad.run(onReplica, 8, Duration.ofSeconds(8));
                ClosedLoopLoad.Result localMode = ClosedLoopLoad.run(onLocal, 8, Duration.ofSeconds(8));
                System.out.println("replicas hot-path round=" + round + " redis-mode " + redisMode.describe());
                System.out.println("replicas hot-path round=" + round + " local-mode " + localMode.describe());
            }
        }
        finally {
            redis.stop();
        }
    }

    private static CompletableFuture<List<Callers.Answer>> fire(BrokerProcess broker, String vendor, int count) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Callers.fire(broker.port, count, Callers.get("/sessions/" + vendor), 30_000);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
    }
}
