package dev.sessionbroker.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionbroker.broker.BrokerException;
import dev.sessionbroker.broker.Brokers;
import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.broker.SessionLease;
import dev.sessionbroker.support.ConfiguredVendors;
import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.support.StubVendorClient;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.Vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Session managers of two replicas over one real redis-server, without Spring or HTTP: the
 * manager's policies where the store is shared, including the store failing under them and
 * garbage in Redis.
 */
class ReplicasOverRedisTest {

    private static final Map<String, String> VENDOR = Map.of("type", "alertsite", "username", "u", "password",
            "right", "min-login-interval", "0", "rejection-cooldown", "60s");

    private static EmbeddedRedis redis;

    private static LettuceConnectionFactory connections;

    private final FakeTime time = new FakeTime();

    private final StubVendorClient vendor = new StubVendorClient();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final Vendors vendors = ConfiguredVendors.vendors("v", VENDOR);

    @BeforeAll
    static void startRedis() {
        redis = new EmbeddedRedis();
        connections = redis.connectLikeTheBroker();
    }

    @AfterAll
    static void stopRedis() {
        connections.destroy();
        redis.close();
    }

    @BeforeEach
    void emptyStore() {
        redis.flushAll();
    }

    @AfterEach
    void stop() {
        this.vendor.release();
        this.threads.shutdownNow();
    }

    @Test
    void coldReplicasAskingTogetherCauseOneLogin() {
        SessionBroker a = replica(this.vendors, this.vendor);
        SessionBroker b = replica(this.vendors, this.vendor);
        this.vendor.holding();
        List<CompletableFuture<SessionLease>> leases = IntStream.range(0, 20)
            .mapToObj((i) -> ((i % 2 == 0) ? a : b).lease("v"))
            .toList();
        this.vendor.release();

        assertThat(leases).allSatisfy((lease) -> assertThat(sessionOf(lease)).isEqualTo("session-1"));
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void aRefreshOnOneReplicaIsTheAnswerForTheOtherWithoutALogin() {
        SessionBroker a = replica(this.vendors, this.vendor);
        SessionBroker b = replica(this.vendors, this.vendor);
        String first = sessionOf(a.lease("v"));
        assertThat(sessionOf(b.lease("v"))).isEqualTo(first);

        assertThat(sessionOf(a.refresh("v", first, RefreshReason.CALLER))).isEqualTo("session-2");
        assertThat(sessionOf(b.refresh("v", first, RefreshReason.CALLER))).isEqualTo("session-2");
        assertThat(this.vendor.logins()).isEqualTo(2);
    }

    @Test
    void aStoppingReplicaLogsOutNoSessionTheStoreStillShares() {
        SessionBroker stopping = replica(this.vendors, this.vendor);
        SessionBroker staying = replica(this.vendors, this.vendor);
        String shared = sessionOf(stopping.lease("v"));

        Brokers.shutDown(stopping);

        assertThat(this.vendor.logouts()).isEmpty();
        assertThat(sessionOf(staying.lease("v"))).isEqualTo(shared);
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void aRejectionCoolsDownTheReplicasWithTheSameCredentials() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Rejected("v", "40", "Invalid login information.");
        });
        SessionBroker a = replica(this.vendors, this.vendor);
        SessionBroker b = replica(ConfiguredVendors.vendors("v", VENDOR), this.vendor);
        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> a.lease("v").join())
            .withCauseInstanceOf(LoginFailure.Rejected.class);

        assertThat(refusalOf(b.lease("v"))).isInstanceOf(BrokerException.CoolingDown.class);
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void aReplicaWithStaleCredentialsDoesNotCoolDownTheOneWithRotatedCredentials() {
        StubVendorClient staleLogin = new StubVendorClient().answering(() -> {
            throw new LoginFailure.Rejected("v", "40", "Invalid login information.");
        });
        SessionBroker stale = replica(ConfiguredVendors.vendors("v", with("password", "stale")), staleLogin);
        SessionBroker rotated = replica(this.vendors, this.vendor);
        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> stale.lease("v").join())
            .withCauseInstanceOf(LoginFailure.Rejected.class);

        assertThat(sessionOf(rotated.lease("v"))).isEqualTo("session-1");
        // The stale replica now hands out the shared session without trying its password again.
        assertThat(sessionOf(stale.lease("v"))).isEqualTo("session-1");
        assertThat(staleLogin.logins()).isEqualTo(1);
    }

    @Test
    void aCoolDownPlantedFarInTheFutureLastsNoLongerThanTheRejectionCoolDown() {
        plantCoolDown(Map.of("status", "40", "message", "Invalid", "rejectedAt",
                Long.toString(this.time.millis()), "until", "9223372036854775807"));
        SessionBroker replica = replica(this.vendors, this.vendor);

        BrokerException.CoolingDown refused = refusalOf(replica.lease("v"));
        assertThat(refused.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));

        this.time.advance(Duration.ofSeconds(61));
        assertThat(sessionOf(replica.lease("v"))).isEqualTo("session-1");
    }

    @Test
    void anUnparsableCoolDownCountsAsNone() {
        plantCoolDown(Map.of("status", "40", "rejectedAt", "1", "until", "notanumber"));

        assertThat(sessionOf(replica(this.vendors, this.vendor).lease("v"))).isEqualTo("session-1");
    }

    @Test
    void aStoredVendorMessageReachesCallersAsOneShortLine() {
        plantCoolDown(Map.of("status", "40", "message", "bad\r\nforged=yes\u0007" + "x".repeat(5000), "rejectedAt",
                Long.toString(this.time.millis()), "until", Long.toString(this.time.millis() + 30_000)));

        BrokerException.CoolingDown refused = refusalOf(replica(this.vendors, this.vendor).lease("v"));

        assertThat(refused.rejection().vendorMessage())
            .doesNotContainPattern("\\p{Cntrl}")
            .startsWith("bad  forged=yes")
            .hasSizeLessThanOrEqualTo(RedisSessionStore.MAX_MESSAGE_LENGTH);
        assertThat(refused.getMessage()).doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void anUnparsableSessionCountsAsNone() {
        redis.client().opsForHash().putAll("unit:{v}:session", Map.of("id", "planted", "obtainedAt", "yesterday"));

        assertThat(sessionOf(replica(this.vendors, this.vendor).lease("v"))).isEqualTo("session-1");
    }

    @Test
    void aStoreFailureAfterASuccessfulLoginNeverCausesASecondOne() {
        SessionBroker replica = replica(this.vendors, this.vendor);
        this.vendor.holding();
        CompletableFuture<SessionLease> lease = replica.lease("v");
        await().until(() -> this.vendor.logins() == 1);

        redis.stop();
        try {
            this.vendor.release();
            assertThat(sessionOf(lease)).isEqualTo("session-1");
            assertThat(sessionOf(replica.lease("v"))).isEqualTo("session-1");
            assertThat(this.vendor.logins()).isEqualTo(1);
        }
        finally {
            redis.start();
        }
        // Once the store is back, the next hand-out shares the session: another replica gets it without a login.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            sessionOf(replica.lease("v"));
            assertThat(redis.client().opsForHash().get("unit:{v}:session", "id")).isEqualTo("session-1");
        });
        assertThat(sessionOf(replica(this.vendors, this.vendor).lease("v"))).isEqualTo("session-1");
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void aStoreThatLostEverythingDuringALoginGetsThatSessionWithoutASecondLogin() {
        SessionBroker replica = replica(this.vendors, this.vendor);
        this.vendor.holding();
        CompletableFuture<SessionLease> lease = replica.lease("v");
        await().until(() -> this.vendor.logins() == 1);

        // What a Redis restart without persistence does: the lock and its fence are gone.
        redis.flushAll();
        this.vendor.release();

        assertThat(sessionOf(lease)).isEqualTo("session-1");
        assertThat(sessionOf(replica(this.vendors, this.vendor).lease("v"))).isEqualTo("session-1");
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    private SessionBroker replica(Vendors vendors, VendorClient client) {
        RedisSessionStore store = new RedisSessionStore(new StringRedisTemplate(connections), "unit");
        return Brokers.over(store, vendors, Map.of("v", client), this.time, this.threads);
    }

    private void plantCoolDown(Map<String, String> fields) {
        String credentials = this.vendors.find("v").credentials().fingerprint();
        redis.client().opsForHash().putAll("unit:{v}:cooldown:" + credentials, fields);
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> keys = new java.util.HashMap<>(VENDOR);
        keys.put(key, value);
        return keys;
    }

    private static String sessionOf(CompletableFuture<SessionLease> lease) {
        return lease.join().session().sessionId();
    }

    private static BrokerException.CoolingDown refusalOf(CompletableFuture<SessionLease> lease) {
        try {
            lease.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof BrokerException.CoolingDown refused) {
                return refused;
            }
            throw ex;
        }
        throw new AssertionError("expected a refusal, got a session");
    }
}
