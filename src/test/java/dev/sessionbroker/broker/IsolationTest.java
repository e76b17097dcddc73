package dev.sessionbroker.broker;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.StubVendorKeys;
import dev.sessionbroker.support.BrokerHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A vendor whose login hangs must not slow anyone else down: its waiting callers hold no
 * request thread, so more of them than Tomcat has threads can wait while another vendor's
 * cached sessions keep being served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.threads.max=20")
class IsolationTest {

    private static final int HANGING_LOGIN_MILLIS = 3000;

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance()
        .options(StrictVendorStub.options().containerThreads(50))
        .build();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        for (String name : List.of("hanging", "healthy")) {
            StubVendorKeys.register(registry,
                    StubVendorKeys.of(name, "alertsite", vendor.baseUrl(), "isolation-pass", "read-timeout=30s"));
        }
    }

    @LocalServerPort
    int port;

    @Test
    void callersWaitingOnAHangingVendorDoNotDelayAnotherVendorsCachedSessions() {
        BrokerHttp http = new BrokerHttp(this.port);
        vendor.stubFor(post("/healthy/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(post("/hanging/login")
            .willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(HANGING_LOGIN_MILLIS)));
        assertThat(http.get("/sessions/healthy").statusCode()).isEqualTo(200);

        // 10x as many waiting callers as the server has request threads.
        HttpClient waitingClients = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waiting.add(waitingClients.sendAsync(http.request("/sessions/hanging").GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().until(() -> vendor.findAll(postRequestedFor(urlEqualTo("/hanging/login"))).size() == 1);

        List<HttpResponse<String>> healthy = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            healthy.addAll(http.concurrently(40, http.request("/sessions/healthy").GET().build()));
        }

        assertThat(healthy).extracting(HttpResponse::statusCode).containsOnly(200).hasSize(200);
        // Every healthy answer came while the hanging vendor's callers were still waiting.
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        List<HttpResponse<String>> released = waiting.stream().map(CompletableFuture::join).toList();
        assertThat(released).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/hanging/login")))).hasSize(1);
    }
}
