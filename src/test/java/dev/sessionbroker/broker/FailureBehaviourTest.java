package dev.sessionbroker.broker;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.BrokerFixture;
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
 * SPEC §6 fault injection over real HTTP: each test checks what the caller saw and how many
 * login requests reached the vendor. Back-off waits and cool-downs run on a fake clock.
 */
class FailureBehaviourTest extends BrokerFixture {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void transientFailuresAreRetriedUntilALoginSucceeds() {
        vendor.stubFor(post("/alertsite/login").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        vendor.stubFor(post("/alertsite/login").inScenario("flaky").whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
        vendor.stubFor(post("/alertsite/login").inScenario("flaky").whenScenarioStateIs("third")
            .willReturn(okJson(read("alertsite/login-success.json"))));

        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(logins()).isEqualTo(3);
    }

    @Test
    void retriesAreBoundedAndTheLastFailureIsReported() {
        vendor.stubFor(post("/alertsite/login").willReturn(aResponse().withStatus(500)));

        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(body(response).path("detail").asString()).contains("HTTP 500");
        assertThat(logins()).isEqualTo(3);
    }

    @Test
    void backOffGrowsExponentiallyWithJitter() {
        vendor.stubFor(post("/alertsite/login").willReturn(aResponse().withStatus(500)));
        Instant before = this.time.instant();

        this.http.get("/sessions/alertsite");

        // Two waits: [0.5s, 1s] then [1s, 2s] (equal jitter on 1s and 2s).
        Duration waited = Duration.between(before, this.time.instant());
        assertThat(waited).isBetween(Duration.ofMillis(1500), Duration.ofMillis(3000));
    }

    @Test
    void retryAfterIsHonoured() {
        vendor.stubFor(post("/alertsite/login").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        vendor.stubFor(post("/alertsite/login").inScenario("busy").whenScenarioStateIs("ok")
            .willReturn(okJson(read("alertsite/login-success.json"))));
        Instant before = this.time.instant();

        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.between(before, this.time.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        assertThat(logins()).isEqualTo(2);
    }

    @Test
    void noRetryIsMadeThatWouldEndPastTheTotalBound() {
        vendor.stubFor(post("/alertsite/login")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));

        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(logins()).isEqualTo(1);
    }

    @Test
    void timeoutsAreRetriedThenReportedAs504() {
        vendor.stubFor(post("/slow/login")
            .willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(1500)));

        HttpResponse<String> response = this.http.get("/sessions/slow");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(body(response).path("detail").asString()).contains("read-timeout");
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/slow/login")))).hasSize(3);
    }

    @Test
    void rejectedLoginIsNeverRetried() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-status-40.json"))));

        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(body(response).path("vendorStatus").asString()).isEqualTo("40");
        assertThat(logins()).isEqualTo(1);
    }

    @Test
    void afterARejectionCallersFailFastWith503AndTheVendorIsNotContacted() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        this.http.get("/sessions/alertsite");
        this.time.advance(Duration.ofSeconds(20));

        List<HttpResponse<String>> responses = this.http.concurrently(100,
                this.http.request("/sessions/alertsite").GET().build());

        assertThat(responses).allSatisfy((response) -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("40");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = body(response);
            assertThat(problem.path("vendor").asString()).isEqualTo("alertsite");
            assertThat(problem.path("vendorStatus").asString()).isEqualTo("40");
            assertThat(problem.path("vendorMessage").asString()).isEqualTo("Invalid login information.");
            assertThat(response.body()).doesNotContain(PASSWORD);
        });
        assertThat(logins()).isEqualTo(1);
    }

    @Test
    void refreshDuringACoolDownDoesNotContactTheVendorEither() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        this.http.get("/sessions/alertsite");

        HttpResponse<String> response = this.http.postEmpty("/sessions/alertsite/refresh");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(logins()).isEqualTo(1);
    }

    @Test
    void oneLoginAttemptPerCoolDownWindow() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        this.http.get("/sessions/alertsite");
        this.time.advance(Duration.ofSeconds(61));

        List<HttpResponse<String>> responses = this.http.concurrently(50,
                this.http.request("/sessions/alertsite").GET().build());

        assertThat(responses).extracting(HttpResponse::statusCode).isSubsetOf(502, 503).contains(502);
        assertThat(logins()).isEqualTo(2);
    }

    @Test
    void coolDownEndsAndTheNextCallerLogsIn() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        this.http.get("/sessions/alertsite");
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
        this.time.advance(Duration.ofSeconds(61));

        HttpResponse<String> response = this.http.get("/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(logins()).isEqualTo(2);
    }

    @Test
    void coolDownShowsInTheListing() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        this.http.get("/sessions/alertsite");

        JsonNode state = body(this.http.get("/sessions")).path("vendors").get(0);
        assertThat(state.path("vendor").asString()).isEqualTo("alertsite");

        assertThat(Instant.parse(state.path("coolDownUntil").asString()))
            .isEqualTo(this.time.instant().plusSeconds(60));
    }

    @Test
    void answersThatCannotBeUnderstoodAre502AndNotCached() {
        for (String[] answer : new String[][] { { "200", "text/html", "<html><body>Maintenance</body></html>" },
                { "200", "application/json", "" }, { "200", "application/json", "[1,2]" },
                { "200", "application/json", "{\"metadata\":{}}" },
                { "404", "text/html", "<html>Not Found " + PASSWORD + "</html>" } }) {
            vendor.resetAll();
            vendor.stubFor(post("/alertsite/login").willReturn(aResponse().withStatus(Integer.parseInt(answer[0]))
                .withHeader("Content-Type", answer[1])
                .withBody(answer[2])));

            HttpResponse<String> response = this.http.get("/sessions/alertsite");

            assertThat(response.statusCode()).as(answer[2]).isEqualTo(502);
            assertThat(body(response).path("title").asString()).isEqualTo("Vendor answer not understood");
            assertThat(response.body()).doesNotContain(PASSWORD).doesNotContain("<html>");
            assertThat(logins()).as("unusable answers are not retried").isEqualTo(1);
        }
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
        assertThat(this.http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
    }

    private int logins() {
        return vendor.findAll(postRequestedFor(urlEqualTo("/alertsite/login"))).size();
    }

    private JsonNode body(HttpResponse<String> response) {
        return this.json.readTree(response.body());
    }
}
