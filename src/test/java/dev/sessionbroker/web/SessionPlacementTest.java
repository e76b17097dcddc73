package dev.sessionbroker.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.support.DemoBrokerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session answers say where the session goes on the caller's own vendor calls, by the
 * rules the proxy applies, so that a caller needs no vendor knowledge; the fields answered
 * before are unchanged. Each placement is checked against the demo emulator it describes.
 */
class SessionPlacementTest extends DemoBrokerFixture {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void appViewXSessionGoesInTheSessionIdHeader() {
        JsonNode answer = session("appviewx");

        assertThat(answer.path("placement").toString()).isEqualTo("{\"in\":\"header\",\"name\":\"sessionId\"}");
        HttpResponse<String> sample = this.http.send(this.http.request("/emulator/appviewx/avxapi/sample")
            .header("sessionId", answer.path("sessionId").asString())
            .build());
        assertThat(sample.statusCode()).isEqualTo(200);
    }

    @Test
    void infiniteBlueSessionGoesInTheSessionIdParameter() {
        JsonNode answer = session("infiniteblue");

        assertThat(answer.path("placement").toString()).isEqualTo("{\"in\":\"query\",\"name\":\"sessionId\"}");
        assertThat(this.http.get("/emulator/infiniteblue/sample?sessionId=" + answer.path("sessionId").asString())
            .statusCode()).isEqualTo(200);
    }

    @Test
    void alertSiteSessionIsTheBasicPasswordOfTheLogin() {
        JsonNode answer = session("alertsite");

        assertThat(answer.path("placement").toString())
            .isEqualTo("{\"in\":\"basic\",\"username\":\"demo@example.com\"}");
    }

    @Test
    void revulyticsSessionGoesInTheBodyBesideTheUser() {
        JsonNode answer = session("revulytics");

        assertThat(answer.path("placement").toString())
            .isEqualTo("{\"in\":\"body\",\"name\":\"sessionId\",\"fields\":{\"user\":\"demo@example.com\"}}");
        HttpResponse<String> sample = this.http.post("/emulator/revulytics/auth/sample", "application/json",
                "{\"user\":\"demo@example.com\",\"sessionId\":\"" + answer.path("sessionId").asString() + "\"}");
        assertThat(sample.statusCode()).isEqualTo(200);
    }

    @Test
    void revulyticsWithCookiesGetsTheCookieAsItCame() {
        JsonNode answer = session("revulytics-cookies");

        assertThat(answer.path("placement").toString()).isEqualTo("{\"in\":\"cookie\"}");
        assertThat(this.http.send(this.http.request("/emulator/revulytics/auth/sample")
            .header("Cookie", answer.path("sessionId").asString())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build()).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshAnswersCarryThePlacementAndEveryFieldAsBefore() {
        String first = session("appviewx").path("sessionId").asString();
        this.time.advance(Duration.ofMinutes(1));

        HttpResponse<String> refreshed = this.http.post("/sessions/appviewx/refresh", "application/json",
                "{\"rejectedSessionId\":\"" + first + "\"}");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode answer = this.json.readTree(refreshed.body());
        assertThat(answer.propertyNames()).containsExactly("vendor", "type", "sessionId", "obtainedAt", "placement",
                "expiresAt");
        assertThat(answer.path("sessionId").asString()).isNotEqualTo(first);
        assertThat(answer.path("placement").path("in").asString()).isEqualTo("header");
    }

    private JsonNode session(String vendor) {
        HttpResponse<String> answer = this.http.get("/sessions/" + vendor);
        assertThat(answer.statusCode()).isEqualTo(200);
        return this.json.readTree(answer.body());
    }
}
