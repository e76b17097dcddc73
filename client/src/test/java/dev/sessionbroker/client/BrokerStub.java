package dev.sessionbroker.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** WireMock answering as the broker's session API does (README "API"), and a client aimed at it. */
final class BrokerStub {

    static final Instant NOW = Instant.parse("2026-11-22T21:57:27Z");

    private BrokerStub() {
    }

    static WireMockExtension extension() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    }

    static SessionBrokerClient client(WireMockExtension broker, MutableClock clock, Set<Integer> rejectedStatuses) {
        return new SessionBrokerClient(RestClient.builder().baseUrl(broker.baseUrl()).build(), Duration.ofSeconds(30),
                rejectedStatuses, ObservationRegistry.NOOP, clock);
    }

    /** A session answer expiring {@code lifetime} after {@link #NOW}, placed as {@code placementJson}. */
    static ResponseDefinitionBuilder session(String vendor, String sessionId, Duration lifetime, String placementJson) {
        return okJson("{\"vendor\":\"" + vendor + "\",\"type\":\"" + vendor + "\",\"sessionId\":\"" + sessionId
                + "\",\"obtainedAt\":\"" + NOW + "\",\"placement\":" + placementJson + ",\"expiresAt\":\""
                + NOW.plus(lifetime) + "\"}")
            .withHeader("Cache-Control", "no-store");
    }

    static ResponseDefinitionBuilder session(String sessionId) {
        return session("appviewx", sessionId, Duration.ofMinutes(15), "{\"in\":\"header\",\"name\":\"sessionId\"}");
    }
}
