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

import dev.sessionbroker.broker.BrokerException;
import dev.sessionbroker.broker.BrokerListener;
import dev.sessionbroker.broker.CoolDowns;
import dev.sessionbroker.broker.LoginAttempts;
import dev.sessionbroker.broker.LoginHistory;
import dev.sessionbroker.broker.LoginPacing;
import dev.sessionbroker.broker.Session;
import dev.sessionbroker.broker.SharedSessionSource;
import dev.sessionbroker.support.ConfiguredVendors;
import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.support.StubVendorClient;
import dev.sessionbroker.vendor.LoginFailure;
import dev.sessionbroker.vendor.LoginResult;
import dev.sessionbroker.vendor.VendorSettings;
import dev.sessionbroker.vendor.Vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two replicas' shared-session sources over one real redis-server, without Spring or HTTP:
 * one vendor login among them, compare-and-refresh across them, and a rejection that every
 * replica respects.
 */
class SharedSessionSourceTest {

    private static EmbeddedRedis redis;

    private final FakeTime time = new FakeTime();

    private final StubVendorClient vendor = new StubVendorClient();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final Vendors vendors = ConfiguredVendors.vendors("v", Map.of("type", "alertsite", "username", "u",
            "password", "p", "min-login-interval", "0"));

    private final VendorSettings settings = this.vendors.find("v");

    private SharedSessionSource replicaA;

    private SharedSessionSource replicaB;

    @BeforeAll
    static void startRedis() {
        redis = new EmbeddedRedis();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void replicas() {
        redis.flushAll();
        this.replicaA = replica();
        this.replicaB = replica();
    }

    @AfterEach
    void stop() {
        this.vendor.release();
        this.threads.shutdownNow();
    }

    @Test
    void coldReplicasAskingTogetherCauseOneLogin() {
        this.vendor.holding();
        List<CompletableFuture<Session>> loads = IntStream.range(0, 20)
            .mapToObj((i) -> ((i % 2 == 0) ? this.replicaA : this.replicaB).load(this.settings))
            .toList();
        this.vendor.release();

        assertThat(loads).allSatisfy((load) -> assertThat(load.join().sessionId()).isEqualTo("session-1"));
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void aRefreshOnOneReplicaIsTheAnswerForTheOtherWithoutALogin() {
        String first = this.replicaA.load(this.settings).join().sessionId();

        String refreshed = this.replicaA.replace(this.settings, first, null).join().sessionId();
        String elsewhere = this.replicaB.replace(this.settings, first, null).join().sessionId();

        assertThat(refreshed).isEqualTo("session-2");
        assertThat(elsewhere).isEqualTo("session-2");
        assertThat(this.vendor.logins()).isEqualTo(2);
    }

    @Test
    void aRejectionOnOneReplicaCoolsDownTheOther() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Rejected("v", "40", "Invalid login information.");
        });
        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.replicaA.load(this.settings).join())
            .withCauseInstanceOf(LoginFailure.Rejected.class);

        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.replicaB.load(this.settings).join())
            .withCauseInstanceOf(BrokerException.class);
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void rotatedCredentialsOnOneReplicaLiftTheSharedCoolDownForAll() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Rejected("v", "40", "Invalid login information.");
        }, () -> new LoginResult("with-new-password"));
        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.replicaA.load(this.settings).join());

        this.replicaA.credentialsChanged("v");

        assertThat(this.replicaB.load(this.settings).join().sessionId()).isEqualTo("with-new-password");
        assertThat(this.vendor.logins()).isEqualTo(2);
    }

    private SharedSessionSource replica() {
        CoolDowns coolDowns = new CoolDowns(this.time);
        LoginAttempts logins = new LoginAttempts(Map.of("v", this.vendor), new LoginHistory(), coolDowns,
                new LoginPacing(this.time, BrokerListener.NONE), this.threads, this.time, this.time, this.time,
                BrokerListener.NONE);
        return new SharedSessionSource(new RedisSessionStore(redis.client(), "unit"), this.vendors, logins, coolDowns,
                this.threads, this.threads, this.time, this.time, Duration.ofSeconds(5));
    }
}
