package dev.sessionbroker.web;

import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.support.BrokerWithClientsFixture;
import dev.sessionbroker.support.RawHttp;
import dev.sessionbroker.support.TestJwts;

import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security filters' refusals, and the controller's own for a one-time password, are the
 * {@link Problem} catalogue's, as every other answer ({@link ProblemCatalogueTest}); their
 * challenges and {@code Retry-After} are kept.
 */
class ProblemCatalogueWithClientsTest extends BrokerWithClientsFixture {

    /** Its own address, so that its failed authentications slow down no other test. */
    private static final String GUESSER = "127.0.0.93";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void refusalsOfCallersAreTheCataloguesStatusTypeAndTitle() {
        Map<Problem, HttpResponse<String>> served = new EnumMap<>(Problem.class);
        served.put(Problem.UNAUTHENTICATED, this.http.get("/sessions/alertsite"));
        served.put(Problem.FORBIDDEN, get("/sessions/infiniteblue", BILLING_TOKEN));
        served.put(Problem.OTP_NOT_ALLOWED, this.http.send(this.http.request("/sessions/appviewx/refresh")
            .header("Authorization", "Bearer " + AVX_READER_TOKEN)
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"otp\":\"123456\"}"))
            .build()));
        jwks.resetAll();
        jwks.stubFor(WireMock.get(JWKS_PATH).willReturn(serverError()));
        served.put(Problem.JWT_KEYS_UNAVAILABLE, get("/sessions/alertsite",
                TestJwts.sign(TestJwts.newKey(), TestJwts.claims(PAYROLL_SUBJECT))));

        served.forEach((problem, answer) -> {
            assertThat(answer.headers().firstValue("Content-Type")).as(problem.name())
                .hasValue("application/problem+json");
            JsonNode body = this.json.readTree(answer.body());
            assertThat(new int[] { answer.statusCode(), body.path("status").asInt() }).as(problem.name())
                .containsExactly(problem.status().value(), problem.status().value());
            assertThat(body.path("type").asString()).as(problem.name()).isEqualTo(problem.type().toString());
            assertThat(body.path("title").asString()).as(problem.name()).isEqualTo(problem.title());
        });
        assertThat(served.get(Problem.UNAUTHENTICATED).headers().firstValue("WWW-Authenticate"))
            .hasValue("Bearer realm=\"session-broker\"");
        assertThat(served.get(Problem.FORBIDDEN).body()).contains("\"vendor\":\"infiniteblue\"");
        assertThat(served.get(Problem.JWT_KEYS_UNAVAILABLE).headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void aThrottledCallerGetsTheCataloguesProblemAndWhenToComeBack() {
        String answer = wrongToken();
        for (int i = 0; i < 20 && RawHttp.status(answer) == 401; i++) {
            assertThat(answer).contains("WWW-Authenticate: Bearer realm=\"session-broker\", error=\"invalid_token\"");
            answer = wrongToken();
        }

        assertThat(RawHttp.status(answer)).isEqualTo(Problem.AUTHENTICATION_THROTTLED.status().value());
        assertThat(answer).contains("Retry-After: ")
            .contains("\"type\":\"" + Problem.AUTHENTICATION_THROTTLED.type() + "\"")
            .contains("\"title\":\"" + Problem.AUTHENTICATION_THROTTLED.title() + "\"");
    }

    private String wrongToken() {
        return RawHttp.from(GUESSER, this.port, "GET", "/sessions/alertsite", "Authorization: Bearer not-a-token");
    }

    private HttpResponse<String> get(String path, String token) {
        return this.http.send(this.http.request(path).header("Authorization", "Bearer " + token).GET().build());
    }
}
