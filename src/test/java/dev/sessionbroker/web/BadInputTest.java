package dev.sessionbroker.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.RawHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nonsense from callers gets a 4xx problem detail — never a 500, a stack trace, an HTML page,
 * or a vendor login.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputTest extends BrokerFixture {

    @BeforeEach
    void setUp() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/sessions/AlertSite", "/sessions/alert_site", "/sessions/-x", "/sessions/%2e%2e",
            "/sessions/..%2f..%2fetc", "/sessions/a%2Fb", "/sessions/a%00b", "/sessions/a%20b",
            "/sessions/%c3%a9", "/sessions/a%0d%0aX-Injected:1" })
    void malformedVendorNamesAre400Problems(String path) {
        assertProblem(this.http.get(path), 400);
    }

    @Test
    void absurdlyLongVendorNameIs400Problem() {
        assertProblem(this.http.get("/sessions/" + "a".repeat(4000)), 400);
    }

    @Test
    void wellFormedUnknownVendorIs404Problem() {
        assertProblem(this.http.get("/sessions/" + "a".repeat(63)), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{bad", "[]", "\"text\"", "{\"rejectedSessionId\":5}", "{\"rejectedSessionId\":{}}",
            "{\"rejectedSessionId\":\"\"}", "{\"rejectedSessionId\":\"x\",\"extra\":1}", "{\"unknown\":\"x\"}",
            "{\"rejectedSessionId\":null}", "{\"rejectedSessionId\":true}", "{\"rejectedSessionId\":[\"x\"]}",
            "{\"otp\":null}", "{\"otp\":609700}" })
    void invalidRefreshBodiesAre400Problems(String body) {
        HttpResponse<String> response = this.http.post("/sessions/alertsite/refresh", "application/json", body);

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain(body);
        assertThat(vendor.getAllServeEvents()).isEmpty();
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(this.http.send(this.http.request("/sessions/alertsite")
            .method("PUT", HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json")
            .build()), 405);
    }

    @Test
    void unsupportedMediaTypeIs415Problem() {
        assertProblem(this.http.post("/sessions/alertsite/refresh", "text/xml", "<refresh/>"), 415);
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET /sessions/alertsite", "GET /sessions", "POST /sessions/alertsite/refresh",
            "GET /actuator/health", "GET /sessions/unknown-vendor", "GET /sessions/Bad_Name" })
    void unacceptableAcceptHeaderIs406Problem(String endpoint) {
        String[] parts = endpoint.split(" ");
        HttpResponse<String> response = this.http.send(this.http.request(parts[1])
            .header("Accept", "image/png")
            .method(parts[0], HttpRequest.BodyPublishers.noBody())
            .build());

        assertProblem(response, 406);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/sessions/alertsite", "/sessions/alertsite/refresh", "/sessions", "/nowhere",
            "/actuator/health" })
    void brokenFormEncodingIsNeverA500(String path) {
        HttpResponse<String> response = this.http.send(this.http.request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString("a=%zz&b=%"))
            .build());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertProblem(response, response.statusCode());
    }

    @Test
    void largeChunkedFormRefreshIs415Problem() {
        String answer = RawHttp.chunked(this.port, "POST", "/sessions/alertsite/refresh",
                "application/x-www-form-urlencoded", "rejectedSessionId=", 3 * 1024 * 1024);

        assertRawProblem(answer, 415);
    }

    @Test
    void traceIs405Problem() {
        String answer = RawHttp.exchange(this.port,
                "TRACE /sessions/alertsite HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertRawProblem(answer, 405);
    }

    @Test
    void expectedBadRequestsLogNoStackTrace(CapturedOutput output) {
        int before = output.getAll().length();
        this.http.get("/sessions/alertsite", "image/png");
        this.http.send(this.http.request("/nowhere")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString("a=%zz"))
            .build());
        RawHttp.exchange(this.port, "TRACE /sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        this.http.post("/sessions/alertsite/refresh", "application/json", "{bad");

        String logged = output.getAll().substring(before);
        // The server's request handling, not the test's own HTTP client (which another test
        // context's root DEBUG may have left chatty).
        assertThat(logged.lines()).noneMatch((line) -> line.startsWith("\tat ")
                && (line.contains("org.springframework.web") || line.contains("org.apache.catalina")
                        || line.contains("dev.sessionbroker")));
        assertThat(logged.lines()).noneMatch((line) -> line.matches(".*Z\\s+ERROR \\d+ ---.*"));
    }

    @Test
    void aFloodOfBadRequestsLogsAtMostOneLine(CapturedOutput output) {
        int before = output.getAll().length();
        for (int i = 0; i < 20; i++) {
            this.http.send(this.http.request("/sessions/alertsite").method("PUT", HttpRequest.BodyPublishers.noBody())
                .build());
        }

        assertThat(output.getAll().substring(before).lines()
            .filter((line) -> line.contains("PageNotFound") || line.contains("bad request status="))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void oversizedBodyIs413Problem() {
        String body = "{\"rejectedSessionId\":\"" + "x".repeat(20_000) + "\"}";

        assertProblem(this.http.post("/sessions/alertsite/refresh", "application/json", body), 413);
        assertThat(vendor.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = { 1024 * 1024, 30 * 1024 * 1024 })
    void chunkedRefreshBodiesOverTheLimitAre413Problems(int size) {
        String answer = RawHttp.chunked(this.port, "POST", "/sessions/alertsite/refresh", "application/json",
                "{\"rejectedSessionId\":\"", size);

        assertRawProblem(answer, 413);
        assertThat(vendor.getAllServeEvents()).isEmpty();
    }

    @Test
    void chunkedRefreshBodyWithinTheLimitIsRead() {
        String answer = RawHttp.chunked(this.port, "POST", "/sessions/alertsite/refresh", "application/json",
                "{\"rejectedSessionId\":\"", 8 * 1024);

        // Read whole and parsed: an unterminated string is invalid JSON, not too large.
        assertRawProblem(answer, 400);
    }

    private static void assertRawProblem(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"status\":" + status).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception")
            .doesNotContain("\tat ").doesNotContain("<html");
    }
}
