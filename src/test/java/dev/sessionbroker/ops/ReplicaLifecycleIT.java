package dev.sessionbroker.ops;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.util.FileSystemUtils;

import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.BrokerProcess;
import dev.sessionbroker.support.LiveRedis;
import dev.sessionbroker.support.LiveVendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas come and go as Kubernetes makes them: started, stopped with SIGTERM (Spring's
 * graceful shutdown, then {@code ShutdownLogout}), killed with SIGKILL, and Redis restarted or
 * paused under them. Each replica is the packaged jar in a JVM of its own, on a real
 * redis-server, logging in to a {@link LiveVendor} that, like Infinite Blue, ends a user's
 * earlier sessions at every login: so "one login for the whole fleet" and "every session
 * handed out was live" are checked at the vendor, not inferred from the broker's word.
 * <p>
 * Every scenario has its own Redis, vendor and replicas, and all replicas a test needs at the
 * start are launched together before the first test (a JVM start is most of the time here);
 * the tests themselves then run one after another. Each prints one {@code lifecycle …} line
 * with what it observed (docs/operations.md, "Replica lifecycle").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaLifecycleIT {

    private static final String VENDOR = "ib";

    private static final String SESSION = "/sessions/" + VENDOR;

    private static final String PASSWORD = "right-password";

    /** Where each replica's log is kept after the run, for a failure to be read. */
    private static final Path work = Path.of("target", "replica-lifecycle");

    private static final List<AutoCloseable> resources = new ArrayList<>();

    private static Rig rolling;

    private static Rig sigterm;

    private static Rig killed;

    private static Rig restartedMidLogin;

    private static Rig downWhenLoginEnds;

    private static Rig paused;

    private static Rig churn;

    private static Rig stale;

    /**
     * A Redis, a vendor and the replicas a scenario starts with. The replicas are launched
     * here and awaited by the test.
     */
    private record Rig(LiveRedis redis, LiveVendor vendor, List<CompletableFuture<BrokerProcess>> replicas) {

        BrokerProcess replica(int index) {
            return this.replicas.get(index).join();
        }
    }

    /**
     * Starts the replicas two at a time, in the order the tests use them: on 2 cores a dozen
     * JVMs starting at once took minutes and timed out on their own Redis connections.
     */
    private static final ExecutorService launcher = Executors.newFixedThreadPool(2, (task) -> {
        Thread thread = new Thread(task, "replica-launcher");
        thread.setDaemon(true);
        return thread;
    });

    /** In the order of the tests ({@link Order}), so that each finds its replicas started first. */
    @BeforeAll
    static void launch() throws IOException {
        FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        sigterm = rig("sigterm", 2);
        stale = staleRig();
        churn = rig("churn", 1);
        paused = rig("paused", 1, "read-timeout=30s");
        // The killed holder's lease: min-login-interval 1s + max-total 1s + 1 x (1s + 3s) + 1s = 7 s.
        killed = rig("killed", 2, "connect-timeout=1s", "read-timeout=3s");
        // Logins are held for as long as Redis takes to come back: a long read timeout.
        restartedMidLogin = rig("restarted", 2, "read-timeout=30s");
        downWhenLoginEnds = rig("down", 2, "read-timeout=30s");
        rolling = rig("rolling", 2);
    }

    @AfterAll
    static void stopAll() throws Exception {
        launcher.shutdownNow();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    /**
     * Two replicas are replaced by two new ones, one at a time, while callers keep asking all
     * live replicas: the fleet logs in once for the whole roll and nobody logs out, because a
     * stopping replica leaves alone what Redis still shares.
     */
    @Test
    @Order(8)
    void rollingRestartKeepsOneLoginAndEverySessionLive() {
        Instant start = Instant.now();
        BrokerProcess a = rolling.replica(0);
        BrokerProcess b = rolling.replica(1);
        try (Callers callers = new Callers(rolling.vendor(), 3)) {
            callers.add(a);
            callers.add(b);
            callers.awaitMoreHandOuts(20);
            BrokerProcess c = launch(rolling, "rolling-c").awaitReady();
            callers.add(c);
            callers.awaitMoreHandOuts(20);
            callers.remove(a);
            int exitA = a.stop();
            BrokerProcess d = launch(rolling, "rolling-d").awaitReady();
            callers.add(d);
            callers.awaitMoreHandOuts(20);
            callers.remove(b);
            int exitB = b.stop();
            callers.awaitMoreHandOuts(20);
            callers.close();

            print("rolling-restart", "handedOut=" + callers.handedOut() + " distinctSessions="
                    + callers.sessions().size() + " logins=" + rolling.vendor().logins().size() + " logouts="
                    + rolling.vendor().logouts() + " exitCodes=" + exitA + "," + exitB + " seconds=" + seconds(start));
            assertThat(callers.failures()).as("answers other than 200 from replicas in rotation").isEmpty();
            assertThat(callers.deadOnHandOut()).as("sessions dead at the vendor when handed out").isEmpty();
            assertThat(callers.handedOut()).isGreaterThanOrEqualTo(80);
            assertThat(callers.sessions()).hasSize(1);
            assertThat(rolling.vendor().logins()).hasSize(1);
            assertThat(rolling.vendor().logouts()).isZero();
        }
    }

    /** A replica stopped with SIGTERM logs out nothing: the other one keeps handing out a live session. */
    @Test
    @Order(1)
    void sigtermOfOneReplicaLeavesTheSharedSessionLive() {
        Instant start = Instant.now();
        BrokerProcess a = sigterm.replica(0);
        BrokerProcess b = sigterm.replica(1);
        String session = sessionOf(a.http().get(SESSION, "text/plain"));
        assertThat(sessionOf(b.http().get(SESSION, "text/plain"))).isEqualTo(session);

        int exit = a.stop();
        String after = sessionOf(b.http().get(SESSION, "text/plain"));

        print("sigterm", "logins=" + sigterm.vendor().logins().size() + " logouts=" + sigterm.vendor().logouts()
                + " exitCode=" + exit + " seconds=" + seconds(start));
        assertThat(after).isEqualTo(session);
        assertThat(sigterm.vendor().isLive(after)).as("session live at the vendor after the SIGTERM").isTrue();
        assertThat(sigterm.vendor().logouts()).isZero();
        assertThat(sigterm.vendor().logins()).hasSize(1);
        assertThat(a.log()).doesNotContain("shutdown-logout");
    }

    /**
     * The replica holding the login lock is killed mid-login: no shutdown, no release. Another
     * replica takes over once the lock's lease has run out, and hands out a live session.
     */
    @Test
    @Order(5)
    void replicaKilledMidLoginIsTakenOverAfterTheLease() {
        BrokerProcess a = killed.replica(0);
        BrokerProcess b = killed.replica(1);
        killed.vendor().loginDelay(Duration.ofSeconds(2));
        CompletableFuture<HttpResponse<String>> orphan = a.http().getAsync(SESSION, "text/plain");
        await().atMost(Duration.ofSeconds(10)).until(() -> killed.vendor().loginArrivals() == 1);

        a.kill();
        killed.vendor().loginDelay(Duration.ZERO);
        Instant start = Instant.now();
        HttpResponse<String> taken = b.http().get(SESSION, "text/plain");

        print("kill-9", "status=" + taken.statusCode() + " logins=" + killed.vendor().logins().size()
                + " takeOverSeconds=" + seconds(start) + " logouts=" + killed.vendor().logouts());
        assertThat(orphan).failsWithin(Duration.ofSeconds(10));
        String session = sessionOf(taken);
        assertThat(killed.vendor().isLive(session)).isTrue();
        assertThat(killed.vendor().logins().size()).isLessThanOrEqualTo(2);
    }

    /**
     * Redis is stopped and started again while the vendor holds the login, and is back (the
     * replica reconnected) before the login ends. The session is used, and another replica gets
     * the same one: there is one login.
     */
    @Test
    @Order(6)
    void redisRestartedMidLoginStillOneLoginAndSharedOnceBack() {
        Rig rig = restartedMidLogin;
        BrokerProcess a = rig.replica(0);
        BrokerProcess b = rig.replica(1);
        rig.vendor().holdLogins();
        CompletableFuture<HttpResponse<String>> first = a.http().getAsync(SESSION, "text/plain");
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.vendor().loginArrivals() == 1);

        Instant start = Instant.now();
        rig.redis().stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(storeStatus(a)));
        rig.redis().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(storeStatus(a)));
        rig.vendor().releaseLogins();
        String session = sessionOf(first.join());

        String seenByB = awaitSharedThenAsk(rig, a, b);
        print("redis-restart-mid-login", "logins=" + rig.vendor().logins().size() + " sameSession="
                + session.equals(seenByB) + " sharedInRedis=" + session.equals(rig.redis().sharedSessionId(VENDOR))
                + " seconds=" + seconds(start));
        assertThat(rig.vendor().logins()).as("logins at the vendor").hasSize(1);
        assertThat(seenByB).isEqualTo(session);
        assertThat(rig.vendor().isLive(session)).isTrue();
    }

    /**
     * Redis goes down while the vendor holds the login and is still down when it ends: the
     * caller gets the session (no login of its own, no 503), and once Redis is back the
     * session is shared on its next hand-out, so another replica gets it without a login.
     */
    @Test
    @Order(7)
    void redisDownWhenTheLoginEndsSessionUsedAndSharedOnceBack() {
        Rig rig = downWhenLoginEnds;
        BrokerProcess a = rig.replica(0);
        BrokerProcess b = rig.replica(1);
        rig.vendor().holdLogins();
        CompletableFuture<HttpResponse<String>> first = a.http().getAsync(SESSION, "text/plain");
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.vendor().loginArrivals() == 1);

        Instant start = Instant.now();
        rig.redis().stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(storeStatus(a)));
        rig.vendor().releaseLogins();
        String session = sessionOf(first.join());
        rig.redis().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(storeStatus(a)));

        String seenByB = awaitSharedThenAsk(rig, a, b);
        print("redis-down-at-login-end", "logins=" + rig.vendor().logins().size() + " sameSession="
                + session.equals(seenByB) + " seconds=" + seconds(start));
        assertThat(rig.vendor().logins()).hasSize(1);
        assertThat(seenByB).isEqualTo(session);
        assertThat(rig.vendor().isLive(session)).isTrue();
    }

    /**
     * Redis answers nothing for 3 s ({@code CLIENT PAUSE 3000 ALL}) while the login is under
     * way: the callers get its session, and nobody logs in again.
     */
    @Test
    @Order(4)
    void redisPausedMidLoginCallersGetTheSessionWithOneLogin() {
        BrokerProcess a = paused.replica(0);
        paused.vendor().holdLogins();
        List<CompletableFuture<HttpResponse<String>>> callers = new ArrayList<>();
        callers.add(a.http().getAsync(SESSION, "text/plain"));
        await().atMost(Duration.ofSeconds(10)).until(() -> paused.vendor().loginArrivals() == 1);
        for (int i = 0; i < 4; i++) {
            callers.add(a.http().getAsync(SESSION, "text/plain"));
        }

        Instant start = Instant.now();
        paused.redis().pause(Duration.ofMillis(3000));
        paused.vendor().releaseLogins();
        Set<String> sessions = new HashSet<>();
        callers.forEach((caller) -> sessions.add(sessionOf(caller.join())));
        double answeredAfter = seconds(start);
        String again = sessionOf(a.http().get(SESSION, "text/plain"));

        print("redis-pause", "callers=" + callers.size() + " logins=" + paused.vendor().logins().size()
                + " answeredAfterSeconds=" + answeredAfter);
        assertThat(sessions).hasSize(1).containsExactly(again);
        assertThat(paused.vendor().isLive(again)).isTrue();
        assertThat(paused.vendor().logins()).hasSize(1);
    }

    /**
     * One caller drops and asks again as fast as it can. Logins stay {@code min-login-interval}
     * (1 s) apart, a DELETE never cancels a login under way (every session the vendor issued
     * was handed out: none orphaned), every GET is answered, and login threads stay at one.
     */
    @Test
    @Order(3)
    void deleteGetChurnIsPacedAndOrphansNoLogin() {
        BrokerProcess a = churn.replica(0);
        BrokerHttp http = a.http();
        // A first login on a cold connection arrives late, which would shorten the next gap.
        String warm = sessionOf(http.get(SESSION, "text/plain"));
        pause(Duration.ofMillis(1100));
        Instant start = Instant.now();
        List<CompletableFuture<HttpResponse<String>>> gets = new ArrayList<>();
        long maxLoginThreads = 0;
        for (int i = 0; i < 40; i++) {
            assertThat(http.delete(SESSION).statusCode()).isEqualTo(204);
            gets.add(http.getAsync(SESSION, "text/plain"));
            pause(Duration.ofMillis(50));
            if (i % 10 == 9) {
                maxLoginThreads = Math.max(maxLoginThreads, a.threadsNamed("vendor-login-"));
            }
        }
        Set<String> handedOut = new HashSet<>(Set.of(warm));
        gets.forEach((get) -> handedOut.add(sessionOf(get.join())));
        double elapsed = seconds(start);

        List<LiveVendor.Login> logins = churn.vendor().logins();
        Duration closest = closestGap(logins);
        print("delete-get-churn", "pairs=40 logins=" + logins.size() + " gapsMs=" + gaps(logins) + " closestGapMs="
                + closest.toMillis()
                + " distinctHandedOut=" + handedOut.size() + " maxLoginThreads=" + maxLoginThreads + " seconds="
                + elapsed);
        assertThat(closest).as("closest two logins").isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat((double) logins.size() - 1).as("logins during the churn").isLessThanOrEqualTo(elapsed + 2);
        assertThat(logins).allMatch(LiveVendor.Login::succeeded);
        assertThat(handedOut).as("every session the vendor issued was handed out")
            .containsAll(logins.stream().map(LiveVendor.Login::sessionId).toList());
        assertThat(maxLoginThreads).isLessThanOrEqualTo(1);
    }

    /**
     * A replica still on an old password is rejected and cools down; the replica with the
     * right password is not held back by that cool-down (cool-downs are kept per credentials).
     */
    @Test
    @Order(2)
    void stalePasswordCoolDownDoesNotHoldBackTheRightPassword() {
        BrokerProcess wrong = stale.replica(0);
        BrokerProcess right = stale.replica(1);

        HttpResponse<String> rejected = wrong.http().get(SESSION);
        HttpResponse<String> coolingDown = wrong.http().get(SESSION);
        HttpResponse<String> served = right.http().get(SESSION, "text/plain");

        print("stale-password", "staleStatuses=" + rejected.statusCode() + "," + coolingDown.statusCode()
                + " rightStatus=" + served.statusCode() + " failedLogins=" + stale.vendor().failedLogins()
                + " successfulLogins=" + stale.vendor().successfulLogins());
        assertThat(rejected.statusCode()).isEqualTo(502);
        assertThat(rejected.body()).contains("login-rejected");
        assertThat(coolingDown.statusCode()).isEqualTo(503);
        assertThat(coolingDown.body()).contains("vendor-cooling-down");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(stale.vendor().isLive(served.body())).isTrue();
        assertThat(stale.vendor().failedLogins()).isEqualTo(1);
        assertThat(stale.vendor().successfulLogins()).isEqualTo(1);
    }

    /** Keeps handing out on {@code a} until Redis holds its session, then asks {@code b}. */
    private static String awaitSharedThenAsk(Rig rig, BrokerProcess a, BrokerProcess b) {
        try {
            await("session shared in Redis").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    String handedOut = sessionOf(a.http().get(SESSION, "text/plain"));
                    return handedOut.equals(rig.redis().sharedSessionId(VENDOR));
                });
        }
        catch (ConditionTimeoutException ex) {
            // Asserted by the caller through b's answer and the login count.
        }
        return sessionOf(b.http().get(SESSION, "text/plain"));
    }

    private static Rig rig(String name, int replicas, String... vendorProperties) {
        LiveRedis redis = keep(new LiveRedis());
        LiveVendor vendor = keep(new LiveVendor("ops@" + name + ".example", PASSWORD));
        Rig rig = new Rig(redis, vendor, new ArrayList<>());
        for (int i = 0; i < replicas; i++) {
            rig.replicas().add(launchReady(name + "-" + (char) ('a' + i), properties(redis, vendor, PASSWORD,
                    vendorProperties)));
        }
        return rig;
    }

    /** Replica 0 has a password the vendor no longer takes; replica 1 the right one. */
    private static Rig staleRig() {
        LiveRedis redis = keep(new LiveRedis());
        LiveVendor vendor = keep(new LiveVendor("ops@stale.example", PASSWORD));
        Rig rig = new Rig(redis, vendor, new ArrayList<>());
        rig.replicas().add(launchReady("stale-old", properties(redis, vendor, "old-password")));
        rig.replicas().add(launchReady("stale-new", properties(redis, vendor, PASSWORD)));
        return rig;
    }

    private static CompletableFuture<BrokerProcess> launchReady(String name, List<String> properties) {
        return CompletableFuture.supplyAsync(() -> keep(BrokerProcess.start(name, work, properties)).awaitReady(),
                launcher);
    }

    private static BrokerProcess launch(Rig rig, String name) {
        return keep(BrokerProcess.start(name, work, properties(rig.redis(), rig.vendor(), PASSWORD)));
    }

    /**
     * One Infinite Blue vendor in Redis mode. Logins are paced 1 s apart and not retried, so a
     * dead lock holder's lease is short; anonymous callers are served because the replica
     * listens on loopback.
     */
    private static List<String> properties(LiveRedis redis, LiveVendor vendor, String password,
            String... vendorProperties) {
        String prefix = "broker.vendors." + VENDOR + ".";
        List<String> properties = new ArrayList<>(List.of("broker.store=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(), "broker.redis.touch-interval=200ms",
                prefix + "type=infiniteblue", prefix + "base-url=" + vendor.baseUrl(),
                prefix + "username=" + vendor.username(), prefix + "password=" + password,
                prefix + "min-login-interval=1s", prefix + "retry.max-attempts=1", prefix + "retry.max-total=1s"));
        for (String property : vendorProperties) {
            properties.add(prefix + property);
        }
        return properties;
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        synchronized (resources) {
            resources.add(resource);
        }
        return resource;
    }

    private static String sessionOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    /** The {@code sessionStore} health component's status, as the replica sees Redis. */
    private static String storeStatus(BrokerProcess replica) {
        String body = replica.http().get("/actuator/health").body();
        int component = body.indexOf("\"sessionStore\"");
        if (component < 0) {
            return "?";
        }
        int status = body.indexOf("\"status\":\"", component);
        return body.substring(status + 10, body.indexOf('"', status + 10));
    }

    private static Duration closestGap(List<LiveVendor.Login> logins) {
        List<Instant> times = logins.stream().map(LiveVendor.Login::arrivedAt).sorted().toList();
        Duration closest = Duration.ofDays(1);
        for (int i = 1; i < times.size(); i++) {
            Duration gap = Duration.between(times.get(i - 1), times.get(i));
            closest = (gap.compareTo(closest) < 0) ? gap : closest;
        }
        return closest;
    }

    private static List<Long> gaps(List<LiveVendor.Login> logins) {
        List<Instant> times = logins.stream().map(LiveVendor.Login::arrivedAt).sorted().toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)).toMillis());
        }
        return gaps;
    }

    private static double seconds(Instant since) {
        return Math.round(Duration.between(since, Instant.now()).toMillis() / 100.0) / 10.0;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void print(String scenario, String figures) {
        System.out.println("lifecycle " + scenario + " " + figures);
    }

    /**
     * Caller threads that keep asking every replica in rotation, as a load balancer would
     * send them, and check each session handed out against the vendor at once. A replica is
     * taken out of rotation before it is stopped; only answers from replicas in rotation count.
     */
    private static final class Callers implements AutoCloseable {

        private final List<BrokerProcess> rotation = new CopyOnWriteArrayList<>();

        private final LiveVendor vendor;

        private final List<Thread> threads = new ArrayList<>();

        private final Set<String> sessions = ConcurrentHashMap.newKeySet();

        private final List<String> failures = new CopyOnWriteArrayList<>();

        private final List<String> dead = new CopyOnWriteArrayList<>();

        private final AtomicInteger handedOut = new AtomicInteger();

        private volatile boolean running = true;

        Callers(LiveVendor vendor, int count) {
            this.vendor = vendor;
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(this::call, "caller-" + i);
                thread.setDaemon(true);
                this.threads.add(thread);
                thread.start();
            }
        }

        void add(BrokerProcess replica) {
            this.rotation.add(replica);
        }

        void remove(BrokerProcess replica) {
            this.rotation.remove(replica);
        }

        void awaitMoreHandOuts(int more) {
            int target = this.handedOut.get() + more;
            await().atMost(Duration.ofSeconds(30)).until(() -> this.handedOut.get() >= target);
        }

        private void call() {
            int next = 0;
            while (this.running) {
                List<BrokerProcess> replicas = List.copyOf(this.rotation);
                if (replicas.isEmpty()) {
                    pause(Duration.ofMillis(20));
                    continue;
                }
                BrokerProcess replica = replicas.get(next++ % replicas.size());
                try {
                    HttpResponse<String> answer = replica.http().get(SESSION, "text/plain");
                    if (answer.statusCode() == 200) {
                        String session = answer.body().strip();
                        // Right after the hand-out: was it good at the vendor when handed out?
                        if (!this.vendor.isLive(session)) {
                            this.dead.add(replica.name() + " " + session);
                        }
                        this.sessions.add(session);
                        this.handedOut.incrementAndGet();
                    }
                    else if (this.rotation.contains(replica)) {
                        this.failures.add(replica.name() + " " + answer.statusCode() + " " + answer.body());
                    }
                }
                catch (RuntimeException ex) {
                    if (this.rotation.contains(replica)) {
                        this.failures.add(replica.name() + " " + ex);
                    }
                }
                // Leaves the 2 cores to the replicas starting meanwhile.
                pause(Duration.ofMillis(50));
            }
        }

        int handedOut() {
            return this.handedOut.get();
        }

        Set<String> sessions() {
            return this.sessions;
        }

        List<String> failures() {
            return this.failures;
        }

        List<String> deadOnHandOut() {
            return this.dead;
        }

        @Override
        public void close() {
            this.running = false;
            for (Thread thread : this.threads) {
                try {
                    thread.join(35_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
