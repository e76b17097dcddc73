package dev.sessionbroker.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessionbroker.ops.AuditListener;
import dev.sessionbroker.support.BrokerWithClientsFixture;
import dev.sessionbroker.support.PrometheusText;
import dev.sessionbroker.support.RawHttp;
import dev.sessionbroker.adapter.SessionFingerprint;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what, over real HTTP: every session and proxy endpoint against every kind of
 * caller, the filtered listing, the actuator rules, audit lines, denial metrics and the
 * slow-down of token guessing (time driven by {@link FakeTime}).
 */
@ExtendWith(OutputCaptureExtension.class)
class CallerAccessTest extends BrokerWithClientsFixture {

    static final String WRONG_TOKEN = "guess-1234567890abcdef";

    /** The AlertSite docs' example session. */
    static final String SESSION_ID = "ef770427109e343e";

    @BeforeEach
    void stubVendors() {
        for (String name : List.of("alertsite", "other")) {
            vendor.stubFor(post("/" + name + "/login").willReturn(okJson(read("alertsite/login-success.json"))));
            vendor.stubFor(get(urlPathEqualTo("/" + name + "/api/x"))
                .willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));
        }
    }

    static Stream<Arguments> endpointsAndCallers() {
        // endpoint, caller token (null: none), expected status
        return Stream.of(
                Arguments.of("GET /sessions/alertsite", null, 401),
                Arguments.of("POST /sessions/alertsite/refresh", null, 401),
                Arguments.of("DELETE /sessions/alertsite", null, 401),
                Arguments.of("GET /proxy/alertsite/api/x", null, 401),
                Arguments.of("GET /sessions", null, 401),
                Arguments.of("GET /sessions/alertsite", WRONG_TOKEN, 401),
                Arguments.of("POST /sessions/alertsite/refresh", WRONG_TOKEN, 401),
                Arguments.of("DELETE /sessions/alertsite", WRONG_TOKEN, 401),
                Arguments.of("GET /proxy/alertsite/api/x", WRONG_TOKEN, 401),
                Arguments.of("GET /sessions", WRONG_TOKEN, 401),
                Arguments.of("GET /sessions/alertsite", REPORTS_TOKEN, 403),
                Arguments.of("POST /sessions/alertsite/refresh", REPORTS_TOKEN, 403),
                Arguments.of("DELETE /sessions/alertsite", REPORTS_TOKEN, 403),
                Arguments.of("GET /proxy/alertsite/api/x", REPORTS_TOKEN, 403),
                Arguments.of("GET /sessions", REPORTS_TOKEN, 200),
                Arguments.of("GET /sessions/alertsite", BILLING_TOKEN, 200),
                Arguments.of("POST /sessions/alertsite/refresh", BILLING_TOKEN, 200),
                Arguments.of("DELETE /sessions/alertsite", BILLING_TOKEN, 204),
                Arguments.of("GET /proxy/alertsite/api/x", BILLING_TOKEN, 200),
                Arguments.of("GET /sessions", BILLING_TOKEN, 200),
                // Admin: may refresh and drop any vendor's session, but takes sessions of and
                // proxies to only the vendors it is allowed (none here).
                Arguments.of("GET /sessions/alertsite", ADMIN_TOKEN, 403),
                Arguments.of("POST /sessions/alertsite/refresh", ADMIN_TOKEN, 200),
                Arguments.of("DELETE /sessions/alertsite", ADMIN_TOKEN, 204),
                Arguments.of("GET /proxy/alertsite/api/x", ADMIN_TOKEN, 403),
                Arguments.of("GET /sessions", ADMIN_TOKEN, 200));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("endpointsAndCallers")
    void everyEndpointAnswersEveryCallerAsConfigured(String endpoint, @Nullable String token, int expected) {
        HttpResponse<String> response = call(endpoint, token);

        assertThat(response.statusCode()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    (type) -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":" + expected).doesNotContain(SESSION_ID);
        }
        if (expected == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    (challenge) -> assertThat(challenge).startsWith("Bearer"));
        }
    }

    @Test
    void refusedVendorIsNamedInTheProblem() {
        HttpResponse<String> response = call("GET /sessions/alertsite", REPORTS_TOKEN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"vendor\":\"alertsite\"").contains("reports");
    }

    @Test
    void wrongTokenChallengeSaysInvalidToken() {
        HttpResponse<String> response = call("GET /sessions/alertsite", WRONG_TOKEN);

        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"session-broker\", error=\"invalid_token\"");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        HttpResponse<String> response = this.http.send(this.http.request("/sessions/alertsite")
            .header("Authorization", "bearer " + BILLING_TOKEN).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void listingShowsOnlyTheVendorsTheClientMayUse() {
        assertThat(call("GET /sessions", BILLING_TOKEN).body()).contains("\"vendor\":\"alertsite\"")
            .doesNotContain("\"vendor\":\"other\"");
        assertThat(call("GET /sessions", REPORTS_TOKEN).body()).contains("\"vendor\":\"other\"")
            .doesNotContain("\"vendor\":\"alertsite\"");
    }

    @Test
    void adminListingShowsEveryVendorItMayManage() {
        assertThat(call("GET /sessions", ADMIN_TOKEN).body()).contains("\"vendor\":\"alertsite\"")
            .contains("\"vendor\":\"other\"");
    }

    @Test
    void probesAndBareHealthStatusAreOpen() {
        assertThat(call("GET /actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(call("GET /actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> health = call("GET /actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"").doesNotContain("components").doesNotContain("alertsite");
    }

    @Test
    void healthDetailsAreForAdminClientsOnly() {
        assertThat(call("GET /actuator/health", BILLING_TOKEN).body()).doesNotContain("components");
        assertThat(call("GET /actuator/health", ADMIN_TOKEN).body()).contains("components").contains("alertsite");
    }

    @Test
    void metricsAndPrometheusAreForAdminClientsOnly() {
        for (String endpoint : List.of("GET /actuator/prometheus", "GET /actuator/metrics", "GET /actuator")) {
            assertThat(call(endpoint, null).statusCode()).as(endpoint + " without token").isEqualTo(401);
            assertThat(call(endpoint, BILLING_TOKEN).statusCode()).as(endpoint + " non-admin").isEqualTo(403);
            assertThat(call(endpoint, ADMIN_TOKEN).statusCode()).as(endpoint + " admin").isEqualTo(200);
        }
    }

    @Test
    void denialsAreCountedByClientAndVendor() {
        PrometheusText before = prometheus();
        call("GET /sessions/alertsite", REPORTS_TOKEN);
        call("GET /sessions/alertsite", null);
        call("GET /sessions/alertsite", WRONG_TOKEN);
        call("GET /sessions/not-configured", REPORTS_TOKEN);

        PrometheusText after = prometheus();
        for (String[] tags : new String[][] { { "reports", "alertsite" }, { "anonymous", "alertsite" },
                { "unknown", "alertsite" }, { "reports", "none" } }) {
            assertThat(after.value("broker_auth_denials_total", "client", tags[0], "vendor", tags[1])
                    - valueOrZero(before, tags)).as(String.join("/", tags)).isEqualTo(1);
        }
    }

    @Test
    void auditLineNamesClientVendorOutcomeAndFingerprintButNeverTheSession(CapturedOutput output) {
        call("GET /sessions/alertsite", BILLING_TOKEN);

        String line = auditLine(output, "event=session.handout client=billing");
        assertThat(line).contains("vendor=alertsite", "outcome=success", "status=200",
                "session=" + SessionFingerprint.of(SESSION_ID));
        assertThat(output.getAll()).doesNotContain(SESSION_ID).doesNotContain(BILLING_TOKEN);
    }

    @Test
    void textPlainHandOutIsAuditedWithTheSameFingerprint(CapturedOutput output) {
        HttpResponse<String> response = this.http.send(this.http.request("/sessions/alertsite")
            .header("Authorization", "Bearer " + BILLING_TOKEN).header("Accept", "text/plain").GET().build());

        assertThat(response.body()).isEqualTo(SESSION_ID);
        assertThat(auditLine(output, "event=session.handout client=billing"))
            .contains("session=" + SessionFingerprint.of(SESSION_ID));
        assertThat(output.getAll()).doesNotContain(SESSION_ID);
    }

    @Test
    void refreshDeleteAndProxiedCallsAreAudited(CapturedOutput output) {
        call("POST /sessions/alertsite/refresh", ADMIN_TOKEN);
        call("GET /proxy/alertsite/api/x", BILLING_TOKEN);
        call("DELETE /sessions/alertsite", ADMIN_TOKEN);

        String fingerprint = "session=" + SessionFingerprint.of(SESSION_ID);
        assertThat(auditLine(output, "event=session.refresh client=ops")).contains("vendor=alertsite",
                "outcome=success", fingerprint);
        assertThat(auditLine(output, "event=proxy.call client=billing")).contains("vendor=alertsite",
                "outcome=success", fingerprint);
        assertThat(auditLine(output, "event=session.delete client=ops")).contains("vendor=alertsite",
                "outcome=success", "status=204", fingerprint);
        assertThat(output.getAll()).doesNotContain(SESSION_ID).doesNotContain(ADMIN_TOKEN)
            .doesNotContain(BILLING_TOKEN);
    }

    @Test
    void refusedHandOutIsAuditedWithoutASession(CapturedOutput output) {
        call("GET /sessions/alertsite", REPORTS_TOKEN);

        assertThat(auditLine(output, "event=session.handout client=reports")).contains("vendor=alertsite",
                "outcome=denied", "status=403", "session=none");
    }

    @Test
    void repeatedFailedAuthenticationsFromOneAddressAreSlowedDown() {
        for (int i = 0; i < AuthFailureThrottle.FREE_FAILURES + 1; i++) {
            assertThat(call("GET /sessions/alertsite", WRONG_TOKEN).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = call("GET /sessions/alertsite", WRONG_TOKEN);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("application/problem+json"));

        this.time.advance(Duration.ofSeconds(1));
        assertThat(call("GET /sessions/alertsite", WRONG_TOKEN).statusCode()).isEqualTo(401);
        // The back-off doubles with each further failure.
        assertThat(call("GET /sessions/alertsite", WRONG_TOKEN).headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void aGuesserOnTheSameAddressNeverLocksOutAValidClient() {
        List<Integer> guesser = new ArrayList<>();
        List<Integer> client = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            guesser.add(call("GET /sessions/alertsite", WRONG_TOKEN + i).statusCode());
            client.add(call("GET /sessions/alertsite", BILLING_TOKEN).statusCode());
        }

        assertThat(client).containsOnly(200);
        assertThat(guesser).contains(429).containsOnly(401, 429);
    }

    @Test
    void throttledRefusalsAreAuditedOncePerIntervalWithACount(CapturedOutput output) {
        // An address of its own: no back-off or count left by another test.
        String from = "127.0.0.21";
        for (int i = 0; i < AuthFailureThrottle.FREE_FAILURES + 1; i++) {
            assertThat(RawHttp.status(wrongTokenFrom(from))).isEqualTo(401);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.status(wrongTokenFrom(from))).isEqualTo(429);
        }
        // Audit lines are written off the request thread; the first refusal at once.
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(throttledAuditLines(output, from))
            .singleElement().asString().endsWith("refused=1"));

        // Once the interval has passed, the rest are written with their count: nothing is
        // left waiting for a next refusal that may never come.
        this.time.advance(AuditListener.REFUSAL_INTERVAL);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(throttledAuditLines(output, from))
            .hasSize(2).last().asString().endsWith("refused=9"));
    }

    private String wrongTokenFrom(String from) {
        return RawHttp.from(from, this.port, "GET", "/sessions/alertsite", "Authorization: Bearer " + WRONG_TOKEN);
    }

    @Test
    void percentEncodedVendorIsAuditedAsTheVendorActedOn(CapturedOutput output) {
        assertThat(call("GET /sessions/%6Fther", OUTSIDER_TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("POST /sessions/%61lertsite/refresh", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("DELETE /sessions/%61lertsite", ADMIN_TOKEN).statusCode()).isEqualTo(204);

        String fingerprint = "session=" + SessionFingerprint.of(SESSION_ID);
        assertThat(auditLine(output, "event=session.handout client=outsider")).contains("vendor=other",
                "outcome=success", fingerprint);
        assertThat(auditLine(output, "event=session.refresh client=ops")).contains("vendor=alertsite",
                "outcome=success", fingerprint);
        assertThat(auditLine(output, "event=session.delete client=ops")).contains("vendor=alertsite",
                "outcome=success", fingerprint);
        assertThat(output.getAll()).doesNotContain("vendor=invalid");
    }

    @Test
    void forbiddenProblemDoesNotEchoWhatTheCallerWroteAsVendor() {
        HttpResponse<String> response = call("GET /sessions/Evil%20Vendor%22%3E", REPORTS_TOKEN);

        assertThat(response.statusCode()).isEqualTo(403);
        // (The instance is the request target as sent, still percent-encoded.)
        assertThat(response.body()).contains("reports").doesNotContain("Evil Vendor").doesNotContain("\"vendor\"");
    }

    @Test
    void unexposedActuatorEndpointIsRefusedToNonAdminsAsAnExposedOneIs() {
        // env is exposed in the fixture, loggers is not.
        HttpResponse<String> exposed = call("GET /actuator/env", BILLING_TOKEN);
        HttpResponse<String> unexposed = call("GET /actuator/loggers", BILLING_TOKEN);

        assertThat(unexposed.statusCode()).isEqualTo(exposed.statusCode()).isEqualTo(403);
        assertThat(unexposed.headers().firstValue("Content-Type")).isEqualTo(exposed.headers()
            .firstValue("Content-Type"));
        assertThat(unexposed.body().replace("/actuator/loggers", "/actuator/env")).isEqualTo(exposed.body());
        // Admins may know what is exposed.
        assertThat(call("GET /actuator/loggers", ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void throttledRefusalsAreCounted() {
        for (int i = 0; i < AuthFailureThrottle.FREE_FAILURES + 1; i++) {
            call("GET /sessions/alertsite", WRONG_TOKEN);
        }
        double before = valueOrZero(prometheus(), "broker_auth_failures_total", "reason", "throttled");

        call("GET /sessions/alertsite", WRONG_TOKEN);

        assertThat(prometheus().value("broker_auth_failures_total", "reason", "throttled") - before).isEqualTo(1);
    }

    private static List<String> throttledAuditLines(CapturedOutput output, String remote) {
        return output.getAll().lines()
            .filter((line) -> line.contains("audit event=auth.throttled remote=" + remote + " "))
            .toList();
    }

    private static double valueOrZero(PrometheusText text, String name, String... tags) {
        try {
            return text.value(name, tags);
        }
        catch (AssertionError ex) {
            return 0;
        }
    }

    @Test
    void failedAuthenticationsAreCounted() {
        double before = prometheus().value("broker_auth_failures_total", "reason", "invalid-token");

        call("GET /sessions/alertsite", WRONG_TOKEN);

        assertThat(prometheus().value("broker_auth_failures_total", "reason", "invalid-token") - before)
            .isEqualTo(1);
    }

    @Test
    void callersWithoutCredentialsAreNotSlowedDown() {
        for (int i = 0; i < AuthFailureThrottle.FREE_FAILURES * 2; i++) {
            assertThat(call("GET /sessions/alertsite", null).statusCode()).isEqualTo(401);
        }

        assertThat(call("GET /sessions/alertsite", BILLING_TOKEN).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> call(String endpoint, @Nullable String token) {
        String[] parts = endpoint.split(" ", 2);
        HttpRequest.Builder request = this.http.request(parts[1]);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(parts[0], HttpRequest.BodyPublishers.noBody());
        return this.http.send(request.build());
    }

    private PrometheusText prometheus() {
        return new PrometheusText(call("GET /actuator/prometheus", ADMIN_TOKEN).body());
    }

    private static double valueOrZero(PrometheusText text, String[] tags) {
        try {
            return text.value("broker_auth_denials_total", "client", tags[0], "vendor", tags[1]);
        }
        catch (AssertionError ex) {
            return 0;
        }
    }

    /** Session answers complete asynchronously: their audit line may follow the answer by a moment. */
    private static String auditLine(CapturedOutput output, String start) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().lines()
            .filter((line) -> line.contains("audit event=") && line.contains(start))
            .reduce((first, second) -> second)
            .orElse(null), Objects::nonNull);
    }
}
