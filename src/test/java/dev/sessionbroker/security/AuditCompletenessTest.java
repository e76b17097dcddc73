package dev.sessionbroker.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.ops.AuditListener;
import dev.sessionbroker.support.BrokerWithClientsFixture;
import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.RawHttp;
import dev.sessionbroker.adapter.SessionFingerprint;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §7 over real HTTP: every hand-out is accounted for although repeated hand-outs of one
 * session to one client are coalesced (the counts add up to the requests made), the lines
 * appear within about a second, denials stay one line each, and a graceful shutdown writes
 * what is still counted.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditCompletenessTest extends BrokerWithClientsFixture {

    /** The AlertSite docs' example session. */
    static final String SESSION_ID = "ef770427109e343e";

    static final Pattern COUNT = Pattern.compile(" count=(\\d+)");

    static final Pattern REFUSED = Pattern.compile(" refused=(\\d+)");

    @BeforeEach
    void vendorLogsIn() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
    }

    @Test
    void countsInCoalescedHandOutLinesAddUpToTheRequestsMade(CapturedOutput output) {
        int requests = 400;

        handOuts(this.port, requests);

        // The last interval ends at most a second after the last request.
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(handedOut(output)).isEqualTo(requests));
        assertThat(handOutLines(output)).hasSizeLessThan(requests)
            .allSatisfy((line) -> assertThat(line).contains("vendor=alertsite", "outcome=success", "status=200",
                    "session=" + SessionFingerprint.of(SESSION_ID)));
        assertThat(output.getAll()).doesNotContain(SESSION_ID).doesNotContain(POLLER_TOKEN);
    }

    @Test
    void headIsAuditedAsAHandOut(CapturedOutput output) {
        int requests = 40;
        BrokerHttp http = new BrokerHttp(this.port);
        HttpRequest head = http.request("/sessions/alertsite").header("Authorization", "Bearer " + POLLER_TOKEN)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
        for (int i = 0; i < requests; i++) {
            assertThat(http.send(head).statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(handedOut(output)).isEqualTo(requests));
    }

    @Test
    void refusalsWithoutCredentialsAreCoalescedPerAddressAndTheCountsAddUp(CapturedOutput output) {
        // An address of its own, so that no other test's refusals share its lines.
        String from = "127.0.0.31";
        List<String> targets = List.of("GET /sessions/alertsite", "HEAD /sessions/alertsite",
                "POST /sessions/alertsite/refresh", "DELETE /sessions/%61lertsite", "GET /proxy/alertsite/x",
                "GET /sessions", "GET /actuator/metrics");
        int requests = 0;
        for (int round = 0; round < 5; round++) {
            for (String target : targets) {
                String[] parts = target.split(" ");
                assertThat(RawHttp.status(RawHttp.from(from, this.port, parts[0], parts[1]))).as(target)
                    .isEqualTo(401);
                requests++;
            }
        }
        // The first refusal is written at once, the rest once the interval has passed.
        this.time.advance(AuditListener.REFUSAL_INTERVAL);

        int expected = requests;
        await().atMost(Duration.ofSeconds(3))
            .untilAsserted(() -> assertThat(refused(output, "auth.missing", from)).isEqualTo(expected));
        assertThat(refusalLines(output, "auth.missing", from)).hasSize(2);
        // No line of its own per request.
        assertThat(output.getAll()).doesNotContain("client=anonymous");
    }

    @Test
    void everyDenialIsALineOfItsOwn(CapturedOutput output) {
        BrokerHttp http = new BrokerHttp(this.port);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = http.send(http.request("/sessions/alertsite")
                .header("Authorization", "Bearer " + OUTSIDER_TOKEN).GET().build());
            assertThat(response.statusCode()).isEqualTo(403);
        }

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(output.getAll().lines()
            .filter((line) -> line.contains("audit event=session.handout client=outsider"))
            .filter((line) -> line.contains("outcome=denied status=403 session=none")))
            .hasSize(5));
    }

    @Test
    void gracefulShutdownWritesEveryHandOutStillCounted(CapturedOutput output) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionBrokerApplication.class).run(
                "--server.port=0", "--broker.vendors.alertsite.type=alertsite",
                "--broker.vendors.alertsite.base-url=" + vendor.baseUrl() + "/alertsite",
                "--broker.vendors.alertsite.username=" + USERNAME, "--broker.vendors.alertsite.password=" + PASSWORD,
                "--broker.clients.poller.token-sha256=" + Tokens.sha256Hex(POLLER_TOKEN),
                "--broker.clients.poller.vendors=alertsite");
        int requests = 200;

        handOuts(((WebServerApplicationContext) context).getWebServer().getPort(), requests);
        context.close();

        // No waiting: whatever the interval had not written yet was written by close().
        assertThat(handedOut(output)).isEqualTo(requests);
    }

    /** The requests, from a few concurrent callers, each answered 200. */
    private static void handOuts(int port, int requests) {
        BrokerHttp http = new BrokerHttp(port);
        HttpRequest request = http.request("/sessions/alertsite").header("Authorization", "Bearer " + POLLER_TOKEN)
            .GET()
            .build();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> http.send(request).statusCode(), callers));
            }
            assertThat(answers).allSatisfy((answer) -> assertThat(answer.join()).isEqualTo(200));
        }
        finally {
            callers.shutdown();
        }
    }

    private static List<String> refusalLines(CapturedOutput output, String event, String remote) {
        return output.getAll().lines().filter((line) -> line.contains("audit event=" + event + " remote=" + remote + " "))
            .toList();
    }

    private static long refused(CapturedOutput output, String event, String remote) {
        long total = 0;
        for (String line : refusalLines(output, event, remote)) {
            Matcher count = REFUSED.matcher(line);
            assertThat(count.find()).as("refused in %s", line).isTrue();
            total += Long.parseLong(count.group(1));
        }
        return total;
    }

    private static List<String> handOutLines(CapturedOutput output) {
        return output.getAll().lines().filter((line) -> line.contains("audit event=session.handout client=poller"))
            .toList();
    }

    private static long handedOut(CapturedOutput output) {
        long total = 0;
        for (String line : handOutLines(output)) {
            Matcher count = COUNT.matcher(line);
            assertThat(count.find()).as("count in %s", line).isTrue();
            total += Long.parseLong(count.group(1));
        }
        return total;
    }
}
