package dev.sessionbroker.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.RawHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem is written once, in {@link Problem}: what the broker serves for a
 * representative request is the catalogue's status, type and title, and so is every problem
 * example of the API description, served or checked in. A title changed in one place only
 * (the answers said "Vendor in cool-down after a rejected login" while docs/openapi.json said
 * "Vendor cooling down after a rejected login") fails here.
 */
class ProblemCatalogueTest extends BrokerFixture {

    private static final Path CHECKED_IN = Path.of("docs/openapi.json");

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * The problems a caller of the anonymous broker can meet, each provoked as a caller
     * would. Those of callers with credentials are {@code ProblemCatalogueWithClientsTest}'s;
     * a slow body's is SlowBodyTest's; a full bulkhead, a down shared store or a broker bug
     * cannot be provoked here at will.
     */
    @Test
    void whatIsServedIsTheCataloguesStatusTypeAndTitle() {
        Map<Problem, Served> served = new EnumMap<>(Problem.class);
        served.put(Problem.INVALID_VENDOR_NAME, served(this.http.get("/sessions/AlertSite")));
        served.put(Problem.UNKNOWN_VENDOR, served(this.http.get("/sessions/nope")));
        served.put(Problem.INVALID_BODY, served(this.http.post("/sessions/alertsite/refresh", "application/json",
                "{bad")));
        served.put(Problem.PAYLOAD_TOO_LARGE, served(this.http.post("/sessions/alertsite/refresh",
                "application/json", "{\"rejectedSessionId\":\"" + "x".repeat(20_000) + "\"}")));
        served.put(Problem.OTP_NOT_SUPPORTED, served(this.http.post("/sessions/alertsite/refresh",
                "application/json", "{\"otp\":\"123456\"}")));
        served.put(Problem.REQUEST_REJECTED, servedRaw(RawHttp.get(this.port, "/sessions/alertsite;v=1")));
        served.put(Problem.UNSAFE_PROXY_PATH, servedRaw(RawHttp.get(this.port, "/proxy/%61lertsite/x")));

        vendor.stubFor(post("/wrong/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        served.put(Problem.LOGIN_REJECTED, served(this.http.get("/sessions/wrong")));
        served.put(Problem.VENDOR_COOLING_DOWN, served(this.http.get("/sessions/wrong")));

        vendor.stubFor(post("/other/login").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withBody("<html/>")));
        served.put(Problem.UNUSABLE_ANSWER, served(this.http.get("/sessions/other")));

        vendor.stubFor(post("/revulytics/auth/login").willReturn(okJson(read("revulytics/login-success.json"))));
        served.put(Problem.INVALID_PROXY_BODY, served(this.http.post("/proxy/revulytics/x", "application/json",
                "[1]")));

        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(get("/alertsite/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        served.put(Problem.VENDOR_UNAVAILABLE, served(this.http.get("/proxy/alertsite/reset")));
        vendor.stubFor(post("/slow/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(get("/slow/x").willReturn(okJson("{}").withFixedDelay(2000)));
        served.put(Problem.VENDOR_TIMEOUT, served(this.http.get("/proxy/slow/x")));

        served.forEach((problem, answer) -> assertThat(answer).as(problem.name()).isEqualTo(Served.of(problem)));
    }

    /** The extension members and headers clients read are kept beside the catalogue's fields. */
    @Test
    void aCoolDownStillNamesTheRejectionAndWhenToComeBack() {
        vendor.stubFor(post("/wrong/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        this.http.get("/sessions/wrong");
        this.time.advance(Duration.ofMillis(500));

        HttpResponse<String> answer = this.http.get("/sessions/wrong");

        assertThat(answer.headers().firstValue("Retry-After")).hasValue("60");
        JsonNode problem = this.json.readTree(answer.body());
        assertThat(problem.propertyNames()).containsExactlyInAnyOrder("type", "title", "status", "detail",
                "instance", "vendor", "coolDownUntil", "vendorStatus", "vendorMessage");
        assertThat(problem.path("vendor").asString()).isEqualTo("wrong");
        assertThat(problem.path("vendorStatus").asString()).isEqualTo("40");
    }

    @Test
    void theServedApiDescriptionTakesItsProblemsFromTheCatalogue() {
        HttpResponse<String> answer = this.http.get("/v3/api-docs");
        assertThat(answer.statusCode()).isEqualTo(200);

        assertThat(examplesNotInTheCatalogue(this.json.readTree(answer.body()))).isEmpty();
    }

    /**
     * docs/openapi.json is what caller teams read and generate clients from; ApiDescriptionTest
     * proves that it is the served document, this that its problems are the ones answered.
     */
    @Test
    void theCheckedInApiDescriptionTakesItsProblemsFromTheCatalogue() throws Exception {
        JsonNode document = this.json.readTree(Files.readString(CHECKED_IN));

        List<String> examples = examplesNotInTheCatalogue(document);

        assertThat(examples).isEmpty();
        assertThat(document.toString()).contains(Problem.VENDOR_COOLING_DOWN.title());
    }

    /** docs/contract.md lists every problem, as it is served. */
    @Test
    void theContractListsTheCatalogue() throws Exception {
        Pattern row = Pattern.compile("^\\| (\\d{3}) \\| `([a-z-]+)` \\| ([^|]+) \\|.*", Pattern.MULTILINE);
        Matcher rows = row.matcher(Files.readString(Path.of("docs/contract.md")));
        List<Served> listed = new ArrayList<>();
        while (rows.find()) {
            listed.add(new Served(Integer.parseInt(rows.group(1)), Problem.TYPE_PREFIX + rows.group(2),
                    rows.group(3).strip()));
        }

        assertThat(listed).containsExactlyInAnyOrderElementsOf(Arrays.stream(Problem.values()).map(Served::of).toList());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(Problem.VENDOR_COOLING_DOWN.exception("v", "d").retryAfter(Duration.ofMillis(39_500)).getHeaders()
            .getFirst("Retry-After")).isEqualTo("40");
        assertThat(Problem.VENDOR_COOLING_DOWN.exception("v", "d").retryAfter(Duration.ZERO).getHeaders()
            .getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void typesAndTitlesAreUnique() {
        assertThat(Arrays.stream(Problem.values()).map(Problem::type)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Problem.values()).map(Problem::title)).doesNotHaveDuplicates();
    }

    /** Each problem example whose type, title or status is not the catalogue's entry of that type. */
    private static List<String> examplesNotInTheCatalogue(JsonNode document) {
        List<String> wrong = new ArrayList<>();
        int examples = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    JsonNode problems = response.getValue().at("/content/application~1problem+json/examples");
                    for (Map.Entry<String, JsonNode> example : problems.properties()) {
                        examples++;
                        JsonNode value = example.getValue().path("value");
                        Served described = new Served(value.path("status").asInt(), value.path("type").asString(),
                                value.path("title").asString());
                        boolean known = Arrays.stream(Problem.values())
                            .anyMatch((problem) -> problem.slug().equals(example.getKey())
                                    && Served.of(problem).equals(described)
                                    && response.getKey().equals(Integer.toString(problem.status().value())));
                        if (!known) {
                            wrong.add(operation.getKey() + " " + path.getKey() + " " + response.getKey() + " "
                                    + described);
                        }
                    }
                }
            }
        }
        assertThat(examples).as("problem examples in the document").isGreaterThan(20);
        return wrong;
    }

    private Served served(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return Served.of(answer.statusCode(), this.json.readTree(answer.body()));
    }

    private Served servedRaw(String answer) {
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        // The body whatever its framing: a problem detail is one JSON object.
        return Served.of(RawHttp.status(answer),
                this.json.readTree(answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1)));
    }

    private record Served(int status, String type, String title) {

        static Served of(Problem problem) {
            return new Served(problem.status().value(), problem.type().toString(), problem.title());
        }

        /** The status line and the body's status must agree. */
        static Served of(int status, JsonNode body) {
            assertThat(body.path("status").asInt()).isEqualTo(status);
            return new Served(status, body.path("type").asString(), body.path("title").asString());
        }
    }
}
