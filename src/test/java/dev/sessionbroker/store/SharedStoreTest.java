package dev.sessionbroker.store;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sessionbroker.broker.SessionStore.StoredSession;
import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.StubVendorKeys;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.Replicas;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two broker replicas sharing one real Redis behave like one broker towards the vendor.
 */
class SharedStoreTest {

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance()
        .options(StrictVendorStub.options().containerThreads(40))
        .build();

    private static EmbeddedRedis redis;

    private static Replicas replicas;

    @BeforeAll
    static void start() {
        redis = new EmbeddedRedis();
        List<String> properties = new ArrayList<>(List.of("broker.store=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port()));
        for (String name : List.of("alertsite", "wrong", "paced")) {
            // Pacing is shown by the "paced" vendor; the others log in back to back.
            properties.addAll(StubVendorKeys.asPairs(StubVendorKeys.of(name, "alertsite", vendor.baseUrl(),
                    "shared-store-pass", "read-timeout=1s", "retry.max-attempts=1", "retry.max-total=1s",
                    "min-login-interval=" + (name.equals("paced") ? "1s" : "0"))));
        }
        replicas = new Replicas(2, properties);
    }

    @AfterAll
    static void stop() {
        replicas.close();
        redis.close();
    }

    @BeforeEach
    void freshState() {
        redis.flushAll();
        for (int i = 0; i < replicas.size(); i++) {
            replicas.http(i).delete("/sessions/alertsite");
        }
        vendor.resetAll();
        stubLogins("alertsite", "aaaa0000aaaa0000", "bbbb1111bbbb1111");
        vendor.stubFor(post("/wrong/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
    }

    @Test
    void coldCallersSpreadOverReplicasCauseOneLogin() {
        vendor.resetAll();
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(session("aaaa0000aaaa0000")).withFixedDelay(300)));

        List<CompletableFuture<List<HttpResponse<String>>>> calls = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            BrokerHttp http = replicas.http(i);
            HttpRequest request = http.request("/sessions/alertsite").header("Accept", "text/plain").GET().build();
            calls.add(CompletableFuture.supplyAsync(() -> http.concurrently(40, request)));
        }
        List<HttpResponse<String>> responses = calls.stream().flatMap((call) -> call.join().stream()).toList();

        assertThat(responses).hasSize(80).allSatisfy((response) -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("aaaa0000aaaa0000");
        });
        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void refreshOnOneReplicaStopsTheOtherFromHandingOutTheOldSession() {
        String old = sessionOn(0);
        assertThat(sessionOn(1)).isEqualTo(old);

        HttpResponse<String> refreshed = replicas.http(0).post("/sessions/alertsite/refresh", "application/json",
                "{\"rejectedSessionId\":\"" + old + "\"}");
        assertThat(refreshed.body()).contains("bbbb1111bbbb1111");

        await().atMost(Duration.ofSeconds(1)).until(() -> sessionOn(1).equals("bbbb1111bbbb1111"));
        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void refreshNamingAnAlreadyReplacedSessionOnAnotherReplicaCausesNoLogin() {
        String old = sessionOn(0);
        sessionOn(1);
        replicas.http(0).post("/sessions/alertsite/refresh", "application/json", "{\"rejectedSessionId\":\"" + old + "\"}");

        // Replica 1 may still hold the old session locally; the shared store knows better.
        HttpResponse<String> response = replicas.http(1).post("/sessions/alertsite/refresh", "application/json",
                "{\"rejectedSessionId\":\"" + old + "\"}");

        assertThat(response.body()).contains("bbbb1111bbbb1111");
        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void loginPacingCountsTheLoginsOfOtherReplicas() {
        stubLogins("paced", "cccc2222cccc2222", "dddd3333dddd3333");
        HttpResponse<String> first = replicas.http(0).get("/sessions/paced", "text/plain");

        // Replica 1 has never logged in itself: only the shared store can tell it to wait.
        HttpResponse<String> refreshed = replicas.http(1).post("/sessions/paced/refresh", "application/json",
                "{\"rejectedSessionId\":\"" + first.body() + "\"}");

        assertThat(refreshed.body()).contains("dddd3333dddd3333");
        List<LoggedRequest> logins = vendor.findAll(postRequestedFor(urlEqualTo("/paced/login")));
        assertThat(logins).hasSize(2);
        assertThat(Duration.between(logins.get(0).getLoggedDate().toInstant(),
                logins.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void lockLeftByACrashedReplicaIsTakenOverAfterItsLease() {
        // A replica that took the lock and died: the lock stays until its lease runs out.
        redis.client().opsForValue().set("session-broker:{alertsite}:lock", "crashed-replica", Duration.ofMillis(1500));
        redis.client().opsForValue().increment("session-broker:{alertsite}:fence");

        HttpResponse<String> response = replicas.http(0).get("/sessions/alertsite", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("aaaa0000aaaa0000");
        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void lateWriterWithAnOlderFenceNeverOverwritesANewerSession() {
        RedisSessionStore store = new RedisSessionStore(redis.client(), "session-broker");
        long oldFence = store.acquire("fenced", "slow-replica", Duration.ofMinutes(1));
        redis.client().delete("session-broker:{fenced}:lock");
        long newFence = store.acquire("fenced", "fast-replica", Duration.ofMinutes(1));

        assertThat(store.write("fenced", newFence, "fast-replica", "new-session", Instant.ofEpochMilli(1),
                Duration.ofMinutes(1))).isTrue();
        assertThat(store.write("fenced", oldFence, "slow-replica", "old-session", Instant.ofEpochMilli(0),
                Duration.ofMinutes(1))).isFalse();
        assertThat(store.read("fenced")).isNotNull().extracting(StoredSession::sessionId).isEqualTo("new-session");
    }

    @Test
    void rejectedCredentialsAreTriedOnceAcrossAllReplicas() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < replicas.size(); i++) {
                responses.addAll(replicas.http(i).concurrently(10,
                        replicas.http(i).request("/sessions/wrong").GET().build()));
            }
        }

        assertThat(responses).extracting(HttpResponse::statusCode).isSubsetOf(502, 503);
        assertThat(logins("wrong")).isEqualTo(1);
    }

    @Test
    void redisHoldsNoPassword() {
        sessionOn(0);
        replicas.http(0).get("/sessions/wrong");

        for (String key : redis.client().keys("session-broker:*")) {
            String type = redis.client().type(key).code();
            String dump = type.equals("hash") ? redis.client().opsForHash().entries(key).toString()
                    : String.valueOf(redis.client().opsForValue().get(key));
            assertThat(dump).as(key).doesNotContain("shared-store-pass");
        }
    }

    private static String sessionOn(int replica) {
        HttpResponse<String> response = replicas.http(replica).get("/sessions/alertsite", "text/plain");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void stubLogins(String name, String first, String second) {
        vendor.stubFor(post("/" + name + "/login").inScenario(name).whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(session(first))).willSetStateTo("second"));
        vendor.stubFor(post("/" + name + "/login").inScenario(name).whenScenarioStateIs("second")
            .willReturn(okJson(session(second))).willSetStateTo("third"));
    }

    private static String session(String id) {
        return read("alertsite/login-success.json").replace("ef770427109e343e", id);
    }

    private static int logins(String name) {
        return vendor.findAll(postRequestedFor(urlEqualTo("/" + name + "/login"))).size();
    }
}
