package dev.sessionbroker.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessionbroker.adapter.SessionFingerprint;
import dev.sessionbroker.support.BrokerWithClientsFixture;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audit lines say what the broker did, from the events of whoever did it: the vendor an
 * action was taken on and the session it actually involved, whatever the request's URL looked
 * like or whatever is cached by the time the answer ends.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditFromEventsTest extends BrokerWithClientsFixture {

    static final String SESSION_A = "aaaa0000aaaa0000";

    static final String SESSION_B = "bbbb1111bbbb1111";

    @Test
    void requestsOnAnEncodedVendorNameAreAuditedAsTheVendorTheyActedOn(CapturedOutput output) {
        loginsAnswer(SESSION_A);

        assertThat(call("HEAD", "/sessions/%61lertsite", BILLING_TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/sessions/%61lertsite/refresh", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/sessions/%61lertsit%65", ADMIN_TOKEN).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/sessions/%61lertsite", REPORTS_TOKEN).statusCode()).isEqualTo(403);

        String session = "session=" + SessionFingerprint.of(SESSION_A);
        assertThat(auditLine(output, "event=session.handout client=billing")).contains("vendor=alertsite ", session);
        assertThat(auditLine(output, "event=session.refresh client=ops")).contains("vendor=alertsite ", session);
        assertThat(auditLine(output, "event=session.delete client=ops")).contains("vendor=alertsite ", session);
        assertThat(auditLine(output, "event=session.handout client=reports")).contains("vendor=alertsite ",
                "outcome=denied", "status=403", "session=none");
        assertThat(output.getAll()).doesNotContain("vendor=invalid");
    }

    /**
     * A call is under way with session A when an operator's refresh replaces it by B: the call's
     * line names A, the session the vendor saw, not B, which is cached by the time it ends.
     */
    @Test
    void aProxiedCallIsAuditedWithTheSessionItCarriedThoughARefreshReplacedItMeanwhile(CapturedOutput output) {
        loginsAnswer(SESSION_A);
        // The vendor answers only the session it was sent, and takes its time doing so.
        vendor.stubFor(get(urlPathEqualTo("/alertsite/api/slow")).withBasicAuth(USERNAME, SESSION_A)
            .willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}").withFixedDelay(1500)));
        CompletableFuture<HttpResponse<String>> proxied = CompletableFuture
            .supplyAsync(() -> call("GET", "/proxy/alertsite/api/slow", BILLING_TOKEN));
        await().atMost(Duration.ofSeconds(5))
            .until(() -> vendor.findAll(getRequestedFor(urlPathEqualTo("/alertsite/api/slow"))).size() == 1);

        loginsAnswer(SESSION_B);
        HttpResponse<String> refreshed = call("POST", "/sessions/alertsite/refresh", ADMIN_TOKEN);

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.body()).contains(SESSION_B);
        assertThat(proxied.join().statusCode()).isEqualTo(200);
        assertThat(auditLine(output, "event=proxy.call client=billing")).contains("vendor=alertsite ",
                "outcome=success", "status=200", "session=" + SessionFingerprint.of(SESSION_A));
        assertThat(auditLine(output, "event=session.refresh client=ops"))
            .contains("session=" + SessionFingerprint.of(SESSION_B));
    }

    @Test
    void aHandOutWithoutASessionIsAuditedAsFailedWithWhy(CapturedOutput output) {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-status-40.json"))));

        assertThat(call("GET", "/sessions/alertsite", BILLING_TOKEN).statusCode()).isEqualTo(502);

        assertThat(auditLine(output, "event=session.handout client=billing"))
            .endsWith("audit event=session.handout client=billing vendor=alertsite outcome=failed error=rejected"
                    + " session=none");
    }

    private static void loginsAnswer(String session) {
        for (String name : List.of("alertsite", "other")) {
            vendor.stubFor(post("/" + name + "/login")
                .willReturn(okJson(read("alertsite/login-success.json").replace("ef770427109e343e", session))));
        }
    }

    private HttpResponse<String> call(String method, String path, @Nullable String token) {
        HttpRequest.Builder request = this.http.request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return this.http.send(request.method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The last line of its kind: session answers may complete a moment after the answer. */
    private static String auditLine(CapturedOutput output, String start) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().lines()
            .filter((line) -> line.contains("audit event=") && line.contains(start))
            .reduce((first, second) -> second)
            .orElse(null), Objects::nonNull);
    }
}
