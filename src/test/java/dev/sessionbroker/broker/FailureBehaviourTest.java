package dev.sessionbroker.broker;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.support.FakeTimeConfiguration;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeTimeConfiguration.class)
class FailureBehaviourTest {

    private static final String PASSWORD = "Pa55-failure-behaviour";

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("broker.vendors.alertsite.type", () -> "alertsite");
        registry.add("broker.vendors.alertsite.min-login-interval", () -> "0");
        registry.add("broker.vendors.alertsite.base-url", () -> vendor.baseUrl() + "/alertsite");
        registry.add("broker.vendors.alertsite.username", () -> "[email protected]");
        registry.add("broker.vendors.alertsite.password", () -> PASSWORD);
        // Generous: on a loaded machine a 300 ms timeout would turn ordinary answers into
        // retried timeouts. The timeout test uses the "slow" vendor below.
        registry.add("broker.vendors.alertsite.read-timeout", () -> "5s");
        registry.add("broker.vendors.alertsite.rejection-cooldown", () -> "60s");
        registry.add("broker.vendors.alertsite.retry.max-attempts", () -> "3");
        registry.add("broker.vendors.alertsite.retry.initial-backoff", () -> "1s");
        registry.add("broker.vendors.alertsite.retry.max-backoff", () -> "4s");
        registry.add("broker.vendors.alertsite.retry.max-total", () -> "20s");
        registry.add("broker.vendors.slow.type", () -> "alertsite");
        registry.add("broker.vendors.slow.min-login-interval", () -> "0");
        registry.add("broker.vendors.slow.base-url", () -> vendor.baseUrl() + "/slow");
        registry.add("broker.vendors.slow.username", () -> "[email protected]");
        registry.add("broker.vendors.slow.password", () -> PASSWORD);
        registry.add("broker.vendors.slow.read-timeout", () -> "300ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    FakeTime time;

    private final JsonMapper json = JsonMapper.builder().build();

    private BrokerHttp http;

    @BeforeEach
    void freshState() {
        this.http = new BrokerHttp(this.port);
        this.time.advance(Duration.ofHours(1));
        this.http.delete("/sessions/alertsite");
        this.http.delete("/sessions/slow");
        vendor.resetAll();
    }

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
