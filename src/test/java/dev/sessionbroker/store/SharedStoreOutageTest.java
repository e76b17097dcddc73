package dev.sessionbroker.store;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.StubVendorKeys;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.PrometheusText;
import dev.sessionbroker.support.Replicas;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away in the middle: cached sessions keep being served, vendors that allow
 * parallel sessions get local logins, Infinite Blue gets 503 rather than a login war, health
 * shows the store DOWN (and broker_store_up 0) while liveness stays UP, and everything recovers when Redis is back.
 */
class SharedStoreOutageTest {

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    private static EmbeddedRedis redis;

    private static Replicas replica;

    @BeforeAll
    static void start() {
        redis = new EmbeddedRedis();
        List<String> properties = new ArrayList<>(List.of("broker.store=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port()));
        properties.addAll(vendor("cached", "alertsite"));
        properties.addAll(vendor("parallel", "alertsite"));
        properties.addAll(vendor("single", "infiniteblue"));
        replica = new Replicas(1, properties);
    }

    private static List<String> vendor(String name, String type) {
        return StubVendorKeys.asPairs(
                StubVendorKeys.of(name, type, vendor.baseUrl(), "outage-pass", "retry.max-attempts=1"));
    }

    @AfterAll
    static void stop() {
        replica.close();
        redis.close();
    }

    @Test
    void redisOutageIsSurvivedAndRecoveredFrom() {
        vendor.stubFor(post("/cached/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(post("/parallel/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(post(urlPathEqualTo("/single/login"))
            .willReturn(okJson("{\"status\":\"ok\", \"sessionId\":\"ib-1@5857\" }")));
        BrokerHttp http = replica.http(0);
        assertThat(http.get("/sessions/cached").statusCode()).isEqualTo(200);
        assertThat(storeStatus(http)).isEqualTo("UP");
        assertThat(storeUp(http)).as("broker_store_up").isEqualTo(1);

        redis.stop();

        assertThat(http.get("/sessions/cached").statusCode()).as("cached session still served").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(storeStatus(http)));
        assertThat(storeUp(http)).as("broker_store_up while Redis is away").isZero();
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(http.get("/sessions/parallel").statusCode()).as("local login where parallel sessions are fine")
            .isEqualTo(200);
        HttpResponse<String> single = http.get("/sessions/single");
        assertThat(single.statusCode()).as("no login war on Infinite Blue").isEqualTo(503);
        assertThat(single.body()).contains("shared-store-unavailable");
        assertThat(vendor.findAll(postRequestedFor(urlPathEqualTo("/single/login")))).isEmpty();

        redis.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(storeStatus(http)));
        assertThat(storeUp(http)).as("broker_store_up once Redis is back").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/sessions/single").statusCode() == 200);
        assertThat(vendor.findAll(postRequestedFor(urlPathEqualTo("/single/login")))).hasSize(1);
    }

    private static double storeUp(BrokerHttp http) {
        return new PrometheusText(http.get("/actuator/prometheus").body()).value("broker_store_up", "store", "redis");
    }

    private static String storeStatus(BrokerHttp http) {
        String body = http.get("/actuator/health").body();
        int at = body.indexOf("\"sessionStore\"");
        if (at < 0) {
            return "missing";
        }
        int status = body.indexOf("\"status\":\"", at) + 10;
        return body.substring(status, body.indexOf('"', status));
    }
}
