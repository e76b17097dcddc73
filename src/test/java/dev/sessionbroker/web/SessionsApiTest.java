package dev.sessionbroker.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.FakeTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session API of SPEC §4 over real HTTP, against an AlertSite stub that answers with the
 * documented login answers. Time is a {@link FakeTime}: expiry is tested without sleeping.
 */
class SessionsApiTest extends BrokerFixture {

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void stubLogins() {
        for (String name : List.of("alertsite", "capped")) {
            vendor.stubFor(post("/" + name + "/login").willReturn(okJson(read("alertsite/login-success.json"))));
        }
        vendor.stubFor(post("/wrong/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
    }

    @Test
    void nothingIsSentToTheVendorBeforeTheFirstCaller() {
        assertThat(vendor.getAllServeEvents()).isEmpty();

        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void answersWithTheSessionAndItsDeadline() {
        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = body(response);
        assertThat(body.path("vendor").asString()).isEqualTo("alertsite");
        assertThat(body.path("type").asString()).isEqualTo("alertsite");
        assertThat(body.path("sessionId").asString()).isEqualTo("ef770427109e343e");
        assertThat(Instant.parse(body.path("obtainedAt").asString())).isEqualTo(this.time.instant());
        // AlertSite's type default: 15 minutes after the last use.
        assertThat(Instant.parse(body.path("expiresAt").asString()))
            .isEqualTo(this.time.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void jsonAnswersCarryTheirLengthInsteadOfBeingChunked() {
        HttpResponse<String> afterLogin = this.http.get("/sessions/alertsite");
        HttpResponse<String> cached = this.http.get("/sessions/alertsite");
        HttpResponse<String> problem = this.http.get("/sessions/unknown");

        for (HttpResponse<String> response : List.of(afterLogin, cached, problem)) {
            assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
            assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(problem.statusCode()).isEqualTo(404);
    }

    /** The cached answer is written by the controller itself: HEAD must still get GET's headers and no body. */
    @Test
    void headOfACachedSessionHasTheHeadersOfItsGetAndNoBody() {
        HttpResponse<String> get = this.http.get("/sessions/alertsite");
        HttpResponse<String> head = this.http
            .send(this.http.request("/sessions/alertsite").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : List.of("Content-Type", "Cache-Control", "Content-Length")) {
            assertThat(head.headers().firstValue(header)).as(header).isPresent()
                .isEqualTo(get.headers().firstValue(header));
        }
        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void secondRequestIsServedFromTheCache() {
        String first = sessionId("alertsite");
        String second = sessionId("alertsite");

        assertThat(second).isEqualTo(first);
        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void answersTextPlainWithTheBareSessionId() {
        HttpResponse<String> response = this.http.get("/sessions/alertsite", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("text/plain"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEqualTo("ef770427109e343e");
    }

    @Test
    void wildcardAcceptGetsJson() {
        HttpResponse<String> response = this.http.get("/sessions/alertsite", "*/*");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void concurrentColdRequestsCauseOneLogin() {
        vendor.stubFor(post("/alertsite/login")
            .willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(300)));

        List<HttpResponse<String>> responses = this.http.concurrently(200,
                this.http.request("/sessions/alertsite").GET().build());

        assertThat(responses).allSatisfy((response) -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).path("sessionId").asString()).isEqualTo("ef770427109e343e");
        });
        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void eachUseExtendsTheIdleTimeout() {
        String session = sessionId("alertsite");
        this.time.advance(Duration.ofMinutes(14));
        assertThat(sessionId("alertsite")).isEqualTo(session);
        this.time.advance(Duration.ofMinutes(14));
        assertThat(sessionId("alertsite")).isEqualTo(session);

        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void sessionUnusedForTheIdleTimeoutIsDroppedAndTheNextCallerLogsIn() {
        sessionId("alertsite");
        this.time.advance(Duration.ofMinutes(15).plusSeconds(1));

        sessionId("alertsite");

        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void maxLifetimeCapsASessionInSteadyUse() {
        sessionId("capped");
        this.time.advance(Duration.ofMinutes(10));
        JsonNode atTenMinutes = body(this.http.get("/sessions/capped"));
        // Idle would allow 10 + 15 minutes; the 20-minute lifetime wins.
        assertThat(Instant.parse(atTenMinutes.path("expiresAt").asString()))
            .isEqualTo(this.time.instant().plus(Duration.ofMinutes(10)));
        this.time.advance(Duration.ofMinutes(9));
        sessionId("capped");
        assertThat(logins("capped")).isEqualTo(1);

        this.time.advance(Duration.ofMinutes(1).plusSeconds(1));
        sessionId("capped");

        assertThat(logins("capped")).isEqualTo(2);
    }

    @Test
    void refreshNamingTheCurrentSessionLogsInAnew() {
        String old = sessionId("alertsite");
        stubNextSession("alertsite", "ffff0000ffff0000");

        HttpResponse<String> response = refresh("alertsite", old);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(body(response).path("sessionId").asString()).isEqualTo("ffff0000ffff0000");
        assertThat(sessionId("alertsite")).isEqualTo("ffff0000ffff0000");
        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void refreshNamingAnOlderSessionReturnsTheCurrentOneWithoutLogin() {
        String current = sessionId("alertsite");

        HttpResponse<String> response = refresh("alertsite", "some-session-already-replaced");

        assertThat(body(response).path("sessionId").asString()).isEqualTo(current);
        assertThat(logins("alertsite")).isEqualTo(1);
    }

    @Test
    void refreshWithoutBodyLogsInAnew() {
        sessionId("alertsite");
        stubNextSession("alertsite", "ffff0000ffff0000");

        HttpResponse<String> response = this.http.postEmpty("/sessions/alertsite/refresh");

        assertThat(body(response).path("sessionId").asString()).isEqualTo("ffff0000ffff0000");
        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void concurrentRefreshesOfTheSameRejectedSessionCauseOneLogin() {
        String rejected = sessionId("alertsite");
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(sessionAnswer("ffff0000ffff0000")).withFixedDelay(200)));

        List<HttpResponse<String>> responses = this.http.concurrently(50,
                this.http.request("/sessions/alertsite/refresh")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"rejectedSessionId\":\"" + rejected + "\"}"))
                    .build());

        assertThat(responses).allSatisfy((response) -> assertThat(body(response).path("sessionId").asString())
            .isEqualTo("ffff0000ffff0000"));
        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void refreshedSessionStillExpiresWhenIdle() {
        String old = sessionId("alertsite");
        stubNextSession("alertsite", "ffff0000ffff0000");
        refresh("alertsite", old);
        this.time.advance(Duration.ofMinutes(15).plusSeconds(1));
        stubNextSession("alertsite", "eeee0000eeee0000");

        assertThat(sessionId("alertsite")).isEqualTo("eeee0000eeee0000");
        assertThat(logins("alertsite")).isEqualTo(3);
    }

    @Test
    void deleteDropsTheSessionAndTheNextRequestLogsIn() {
        sessionId("alertsite");

        HttpResponse<String> deleted = this.http.delete("/sessions/alertsite");
        sessionId("alertsite");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void listShowsStateButNoSessionIds() {
        sessionId("alertsite");
        this.http.get("/sessions/wrong");

        HttpResponse<String> response = this.http.get("/sessions");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("ef770427109e343e").doesNotContain(PASSWORD);
        JsonNode vendors = body(response).path("vendors");
        assertThat(vendors.size()).as("every configured vendor").isEqualTo(vendorNames().size());
        JsonNode alertsite = find(vendors, "alertsite");
        assertThat(alertsite.path("type").asString()).isEqualTo("alertsite");
        assertThat(alertsite.path("sessionCached").asBoolean()).isTrue();
        assertThat(Instant.parse(alertsite.path("expiresAt").asString()))
            .isEqualTo(this.time.instant().plus(Duration.ofMinutes(15)));
        JsonNode wrong = find(vendors, "wrong");
        assertThat(wrong.path("sessionCached").asBoolean()).isFalse();
        assertThat(wrong.path("lastError").path("kind").asString()).isEqualTo("rejected");
        assertThat(wrong.path("lastError").path("vendorStatus").asString()).isEqualTo("40");
    }

    @Test
    void unknownVendorIsA404Problem() {
        HttpResponse<String> response = this.http.get("/sessions/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("vendor").asString()).isEqualTo("nope");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).contains("nope");
    }

    @Test
    void rejectedLoginIsA502WithTheVendorsStatusAndNoPassword() {
        HttpResponse<String> response = this.http.get("/sessions/wrong");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain(PASSWORD);
        JsonNode problem = body(response);
        assertThat(problem.path("vendor").asString()).isEqualTo("wrong");
        assertThat(problem.path("vendorStatus").asString()).isEqualTo("40");
        assertThat(problem.path("vendorMessage").asString()).isEqualTo("Invalid login information.");
        assertThat(problem.path("detail").asString()).contains("40");
    }

    @Test
    void unusableAnswerIsA502AndIsNotCached() {
        vendor.stubFor(post("/alertsite/login")
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html/>")));

        HttpResponse<String> first = this.http.get("/sessions/alertsite");
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
        HttpResponse<String> second = this.http.get("/sessions/alertsite");

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(body(first).path("detail").asString()).contains("not JSON");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(logins("alertsite")).isEqualTo(2);
    }

    @Test
    void invalidJsonRefreshBodyIsA400Problem() {
        HttpResponse<String> response = this.http.post("/sessions/alertsite/refresh", "application/json", "{bad");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(response).path("status").asInt()).isEqualTo(400);
        assertThat(logins("alertsite")).isZero();
    }

    private String sessionId(String vendorName) {
        HttpResponse<String> response = this.http.get("/sessions/" + vendorName);
        assertThat(response.statusCode()).isEqualTo(200);
        return body(response).path("sessionId").asString();
    }

    private HttpResponse<String> refresh(String vendorName, String rejected) {
        return this.http.post("/sessions/" + vendorName + "/refresh", "application/json",
                "{\"rejectedSessionId\":\"" + rejected + "\"}");
    }

    private static void stubNextSession(String vendorName, String session) {
        vendor.stubFor(post("/" + vendorName + "/login").willReturn(okJson(sessionAnswer(session))));
    }

    private static String sessionAnswer(String session) {
        return read("alertsite/login-success.json").replace("ef770427109e343e", session);
    }

    private static int logins(String vendorName) {
        return vendor.findAll(postRequestedFor(urlEqualTo("/" + vendorName + "/login"))).size();
    }

    private JsonNode body(HttpResponse<String> response) {
        return this.json.readTree(response.body());
    }

    private static JsonNode find(JsonNode vendors, String name) {
        for (JsonNode node : vendors) {
            if (node.path("vendor").asString().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("No vendor " + name + " in " + vendors);
    }
}
