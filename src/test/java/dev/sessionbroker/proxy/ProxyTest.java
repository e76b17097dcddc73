package dev.sessionbroker.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.RawHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy mode over real HTTP against vendor stubs: injection, expiry recovery with one
 * replay, header hygiene and path safety.
 */
class ProxyTest extends BrokerFixture {

    private static final String SESSION_A = "aaaa0000aaaa0000";

    private static final String SESSION_B = "bbbb1111bbbb1111";

    @BeforeEach
    void setUp() {
        alertSiteLogins(SESSION_A, SESSION_B);
    }

    @Test
    void alertSiteCallsCarryHttpBasicWithLoginAndSession() {
        vendor.stubFor(get(urlPathEqualTo("/alertsite/devices")).withBasicAuth(USERNAME, SESSION_A)
            .willReturn(okJson("{\"metadata\":{\"status\":\"0\"},\"devices\":[]}")));

        HttpResponse<String> response = this.http.get("/proxy/alertsite/devices?type=web&page=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("devices");
        vendor.verify(getRequestedFor(urlEqualTo("/alertsite/devices?type=web&page=2")));
    }

    @Test
    void infiniteBlueCallsCarryTheSessionIdParameter() {
        vendor.stubFor(post("/infiniteblue/login?output=json")
            .willReturn(okJson("{\"status\":\"ok\", \"sessionId\":\"ib-session@5857\" }")));
        vendor.stubFor(get(urlPathEqualTo("/infiniteblue/getRecord")).willReturn(okJson("{}")));

        assertThat(this.http.get("/proxy/infiniteblue/getRecord?id=7&output=json").statusCode()).isEqualTo(200);

        vendor.verify(getRequestedFor(urlPathEqualTo("/infiniteblue/getRecord"))
            .withQueryParam("sessionId", equalTo("ib-session@5857"))
            .withQueryParam("id", equalTo("7")));
    }

    @Test
    void revulyticsCallsCarryTheUserAndTheSessionInTheJsonBody() {
        vendor.stubFor(post("/revulytics/auth/login").willReturn(okJson(read("revulytics/login-success.json"))));
        vendor.stubFor(post("/revulytics/reporting/generic/dateRange").willReturn(okJson("{\"status\":\"OK\"}")));

        HttpResponse<String> response = this.http.post("/proxy/revulytics/reporting/generic/dateRange",
                "application/json", "{\"user\":\"someone-else\",\"productId\":2376158762,\"startDate\":\"2026-01-01\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        vendor.verify(postRequestedFor(urlEqualTo("/revulytics/reporting/generic/dateRange")).withRequestBody(
                equalToJson("{\"user\":\"" + USERNAME + "\",\"productId\":2376158762,\"startDate\":\"2026-01-01\","
                        + "\"sessionId\":\"VSB8E2BzSC2eZSJm4QmTpA\"}")));
    }

    @Test
    void aCallersBodyWithALengthReachesTheVendorWithTheSameLength() {
        String body = "{\"name\":\"web-check\",\"interval\":5}";
        vendor.stubFor(post(urlPathEqualTo("/alertsite/devices")).willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));

        assertThat(this.http.post("/proxy/alertsite/devices", "application/json", body).statusCode()).isEqualTo(200);

        vendor.verify(postRequestedFor(urlEqualTo("/alertsite/devices"))
            .withHeader("Content-Length", equalTo(String.valueOf(body.length())))
            .withoutHeader("Transfer-Encoding")
            .withRequestBody(equalTo(body)));
    }

    @Test
    void appViewXCallsCarryTheSessionHeaderAndTheTenantKey() {
        vendor.stubFor(post(urlPathEqualTo("/appviewx/login")).willReturn(okJson(read("appviewx/login-success.json"))));
        vendor.stubFor(get(urlPathEqualTo("/appviewx/certificates")).willReturn(okJson("{}")));

        assertThat(this.http.get("/proxy/appviewx/certificates?gwsource=external").statusCode()).isEqualTo(200);

        vendor.verify(getRequestedFor(urlPathEqualTo("/appviewx/certificates"))
            .withHeader("sessionId", equalTo("avx~~c73a4f56-f4ab-4cdf-aadf-6d90bf406077"))
            .withQueryParam("gwkey", equalTo("tenant-key-1"))
            .withQueryParam("gwsource", equalTo("external")));
    }

    @Test
    void expiryInTheMiddleOfABurstCostsOneLoginAndEveryCallerGets200() {
        this.http.get("/sessions/alertsite");
        vendor.stubFor(any(urlPathEqualTo("/alertsite/monitors")).withBasicAuth(USERNAME, SESSION_A)
            .willReturn(aResponse().withStatus(401)));
        vendor.stubFor(any(urlPathEqualTo("/alertsite/monitors")).withBasicAuth(USERNAME, SESSION_B)
            .willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));

        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.addAll(this.http.concurrently(25, this.http.request("/proxy/alertsite/monitors").GET().build()));
        responses.addAll(this.http.concurrently(25, this.http.request("/proxy/alertsite/monitors")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"new monitor\"}"))
            .build()));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(logins("/alertsite/login")).isEqualTo(2);
        vendor.verify(25, postRequestedFor(urlEqualTo("/alertsite/monitors")).withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials(USERNAME, SESSION_B))
            .withRequestBody(equalToJson("{\"name\":\"new monitor\"}")));
    }

    @Test
    void bodyStatusInA200MeansExpiredForAlertSite() {
        this.http.get("/sessions/alertsite");
        vendor.stubFor(get("/alertsite/monitors").withBasicAuth(USERNAME, SESSION_A)
            .willReturn(okJson("{\"metadata\":{\"status\":\"5\",\"message\":\"Invalid session\"}}")));
        vendor.stubFor(get("/alertsite/monitors").withBasicAuth(USERNAME, SESSION_B)
            .willReturn(okJson("{\"metadata\":{\"status\":\"0\"},\"monitors\":[]}")));

        HttpResponse<String> response = this.http.get("/proxy/alertsite/monitors");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"monitors\"");
        assertThat(logins("/alertsite/login")).isEqualTo(2);
    }

    @Test
    void aGzipAnswerReachesTheCallerByteForByteWithItsContentEncoding() throws Exception {
        byte[] gzip = gzip("{\"metadata\":{\"status\":\"0\"},\"rows\":\"" + "r".repeat(200_000) + "\"}");
        vendor.stubFor(get("/alertsite/export").withHeader("Accept-Encoding", equalTo("gzip"))
            .willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip")
                .withBody(gzip)));

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
            .send(this.http.request("/proxy/alertsite/export").header("Accept-Encoding", "gzip").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(gzip.length));
        assertThat(response.body()).isEqualTo(gzip);
    }

    @Test
    void theCallersAcceptEncodingIsSentAsIsAndNoneIsAddedWhenItSentNone() {
        vendor.stubFor(get(urlPathEqualTo("/alertsite/plain")).willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));

        this.http.get("/proxy/alertsite/plain");
        this.http.send(this.http.request("/proxy/alertsite/plain?br").header("Accept-Encoding", "br").GET().build());

        vendor.verify(getRequestedFor(urlEqualTo("/alertsite/plain")).withoutHeader("Accept-Encoding"));
        vendor.verify(getRequestedFor(urlEqualTo("/alertsite/plain?br")).withHeader("Accept-Encoding", equalTo("br")));
    }

    @Test
    void aGzipBodyStatusStillMeansExpiredAndTheFreshAnswerIsRelayedCompressed() throws Exception {
        this.http.get("/sessions/alertsite");
        vendor.stubFor(get("/alertsite/monitors").withBasicAuth(USERNAME, SESSION_A)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip")
                .withBody(gzip("{\"metadata\":{\"status\":\"5\",\"message\":\"Invalid session\"}}"))));
        byte[] fresh = gzip("{\"metadata\":{\"status\":\"0\"},\"monitors\":[]}");
        vendor.stubFor(get("/alertsite/monitors").withBasicAuth(USERNAME, SESSION_B)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip")
                .withBody(fresh)));

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
            .send(this.http.request("/proxy/alertsite/monitors").header("Accept-Encoding", "gzip").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(fresh);
        assertThat(logins("/alertsite/login")).isEqualTo(2);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void persistent401IsReplayedOnceAndPassedBack() {
        vendor.stubFor(get("/alertsite/monitors").willReturn(aResponse().withStatus(401).withBody("nope")));

        HttpResponse<String> response = this.http.get("/proxy/alertsite/monitors");

        assertThat(response.statusCode()).isEqualTo(401);
        vendor.verify(2, getRequestedFor(urlEqualTo("/alertsite/monitors")));
        assertThat(logins("/alertsite/login")).isEqualTo(2);
    }

    @Test
    void redirectToTheLoginPageMeansExpired() {
        this.http.get("/sessions/alertsite");
        vendor.stubFor(get("/alertsite/report").withBasicAuth(USERNAME, SESSION_A)
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/auth/login")));
        vendor.stubFor(get("/alertsite/report").withBasicAuth(USERNAME, SESSION_B)
            .willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));

        assertThat(this.http.get("/proxy/alertsite/report").statusCode()).isEqualTo(200);
        assertThat(logins("/alertsite/login")).isEqualTo(2);
    }

    @Test
    void bodyLargerThanTheReplayLimitIsStreamedAndNotReplayed() {
        vendor.stubFor(post("/alertsite/upload").willReturn(aResponse().withStatus(401)));
        String big = "x".repeat(100 * 1024);

        HttpResponse<String> response = this.http.post("/proxy/alertsite/upload", "text/plain", big);

        assertThat(response.statusCode()).isEqualTo(401);
        vendor.verify(1, postRequestedFor(urlEqualTo("/alertsite/upload")).withRequestBody(equalTo(big)));
        assertThat(logins("/alertsite/login")).isEqualTo(1);
    }

    @Test
    void hopByHopHeadersTheCallersCredentialsAndNetworkAreNotForwarded() {
        vendor.stubFor(get("/alertsite/echo").willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")
            .withHeader("X-Vendor", "kept")
            .withHeader("Proxy-Authenticate", "Basic")));

        String answer = RawHttp.get(this.port, "/proxy/alertsite/echo", "Authorization: Bearer broker-token",
                "Keep-Alive: timeout=5", "TE: trailers", "Upgrade: h2c", "Proxy-Authorization: Basic eA==",
                "X-Hop: 1", "Connection: X-Hop, TE, Upgrade", "X-End-To-End: yes",
                "Forwarded: for=10.1.2.3;host=billing.internal", "X-Forwarded-For: 10.1.2.3",
                "X-Forwarded-Host: billing.internal", "X-Forwarded-Proto: http", "X-Real-IP: 10.1.2.3");

        assertThat(answer).startsWith("HTTP/1.1 200").contains("X-Vendor: kept").doesNotContain("Proxy-Authenticate");
        vendor.verify(getRequestedFor(urlEqualTo("/alertsite/echo")).withHeader("X-End-To-End", equalTo("yes"))
            .withHeader("Keep-Alive", absent())
            .withHeader("TE", absent())
            .withHeader("Upgrade", absent())
            .withHeader("Proxy-Authorization", absent())
            .withHeader("X-Hop", absent())
            .withHeader("Forwarded", absent())
            .withHeader("X-Forwarded-For", absent())
            .withHeader("X-Forwarded-Host", absent())
            .withHeader("X-Forwarded-Proto", absent())
            .withHeader("X-Real-IP", absent())
            .withHeader("Authorization", equalTo(basic(USERNAME, SESSION_A))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/proxy/alertsite/..%2flogin", "/proxy/alertsite/%2e%2e/login",
            "/proxy/alertsite/%2E%2E%2Fadmin", "/proxy/alertsite/a/%2e%2e/%2e%2e/x", "/proxy/alertsite/..%5clogin",
            "/proxy/alertsite/%5c..%5cx", "/proxy/alertsite/a\\..\\..\\x", "/proxy/alertsite//evil.example/x",
            "/proxy/alertsite/http://evil.example/x", "/proxy/alertsite/%252e%252e/login", "/proxy/alertsite/.%2e/x",
            "/proxy/alertsite/./x", "/proxy/alertsite/a/../../../x", "/proxy/alertsite/%00/x",
            "/proxy/%61lertsite/devices", "/proxy/alertsit%65/devices", "/proxy/alertsite;v=1/devices" })
    void pathEscapesNeverReachTheVendor(String target) {
        vendor.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        String answer = RawHttp.get(this.port, target);

        assertThat(answer).matches("(?s)HTTP/1.1 4\\d\\d.*");
        assertThat(answer).contains("application/problem+json");
        // Refused before any session was fetched: the vendor saw nothing at all.
        assertThat(vendor.getAllServeEvents()).isEmpty();
    }

    @Test
    void vendorTooSlowIs504Problem() {
        vendor.stubFor(post("/slow/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(get("/slow/x").willReturn(okJson("{}").withFixedDelay(2000)));

        HttpResponse<String> response = this.http.get("/proxy/slow/x");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"vendor\":\"slow\"");
    }

    @Test
    void proxiedCallsAndReplaysAreCounted() {
        vendor.stubFor(get("/alertsite/metered").willReturn(aResponse().withStatus(401)));

        this.http.get("/proxy/alertsite/metered");
        String metrics = this.http.get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern(
                "broker_proxy_calls_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"4xx\"[^}]*vendor=\"alertsite\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("broker_proxy_replays_total\\{[^}]*vendor=\"alertsite\"[^}]*} [1-9]");
    }

    @Test
    void unknownVendorIs404Problem() {
        assertThat(this.http.get("/proxy/nope/x").statusCode()).isEqualTo(404);
    }

    private static void alertSiteLogins(String first, String second) {
        String success = read("alertsite/login-success.json");
        vendor.stubFor(post("/alertsite/login").inScenario("logins").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(success.replace("ef770427109e343e", first))).willSetStateTo("second"));
        vendor.stubFor(post("/alertsite/login").inScenario("logins").whenScenarioStateIs("second")
            .willReturn(okJson(success.replace("ef770427109e343e", second))).willSetStateTo("third"));
    }

    private static int logins(String path) {
        return vendor.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
