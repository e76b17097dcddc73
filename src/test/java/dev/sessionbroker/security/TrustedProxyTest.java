package dev.sessionbroker.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.support.FakeTimeConfiguration;
import dev.sessionbroker.support.RawHttp;
import dev.sessionbroker.support.QuietOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * With {@code broker.security.trusted-proxies}, on Kubernetes: the client a listed proxy
 * (127.0.0.2 here) names in {@code X-Forwarded-For} is the caller's address for the back-off
 * and the audit; any other peer's header is ignored; a hostile value a proxy passes on cannot
 * add a field to the audit line. Time stands still ({@link dev.sessionbroker.support.FakeTime}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "broker.clients.ops.admin=true", "broker.clients.ops.token-sha256=" + ForwardedHeadersTest.DIGEST,
        "broker.security.trusted-proxies=127.0.0.2, 192.0.2.0/24" })
@ContextConfiguration(initializers = OnKubernetes.class)
@Import(FakeTimeConfiguration.class)
@ExtendWith(QuietOutput.class)
class TrustedProxyTest {

    static final String PROXY = "127.0.0.2";

    @LocalServerPort
    int port;

    @Test
    void theClientATrustedProxyNamesIsTheAuditedAddress(CapturedOutput output) {
        wrongToken(PROXY, "X-Forwarded-For: 203.0.113.7");

        await().atMost(Duration.ofSeconds(2)).until(() -> output.getAll()
            .contains("audit event=auth.failure remote=203.0.113.7 reason=invalid-token"));
    }

    @Test
    void theBackOffIsPerClientBehindTheProxyNotForTheProxy() {
        for (int i = 0; i < AuthFailureThrottle.FREE_FAILURES + 1; i++) {
            assertThat(wrongToken(PROXY, "X-Forwarded-For: 203.0.113.8")).isEqualTo(401);
        }

        assertThat(wrongToken(PROXY, "X-Forwarded-For: 203.0.113.8")).isEqualTo(429);
        assertThat(wrongToken(PROXY, "X-Forwarded-For: 203.0.113.9")).isEqualTo(401);
    }

    @Test
    void aPeerThatIsNotAListedProxyCannotSpeakForOthers(CapturedOutput output) {
        wrongToken("127.0.0.3", "X-Forwarded-For: 203.0.113.10");

        await().atMost(Duration.ofSeconds(2)).until(() -> output.getAll()
            .contains("audit event=auth.failure remote=127.0.0.3 reason=invalid-token"));
        assertThat(output.getAll()).doesNotContain("203.0.113.10");
    }

    @Test
    void aHostileValueFromATrustedProxyCannotAddOrForgeAField(CapturedOutput output) {
        wrongToken(PROXY, "X-Forwarded-For: " + ForwardedHeadersTest.FORGED);

        String line = await().atMost(Duration.ofSeconds(2)).until(() -> output.getAll().lines()
            .filter((candidate) -> candidate.contains("audit event=auth.failure")).findFirst().orElse(""),
                (found) -> !found.isEmpty());
        assertThat(line).doesNotContain(" forged=yes").doesNotContain(" reason=ok").endsWith(" reason=invalid-token");
        assertThat(line.substring(line.indexOf("audit event="))).matches("audit event=auth\\.failure remote=\\S+ reason=invalid-token");
    }

    @Test
    void bootsOwnForwardingStopsTheStartUp(CapturedOutput output) {
        assertStartupFails(output, "--server.forward-headers-strategy=native", "server.forward-headers-strategy",
                "broker.security.trusted-proxies");
    }

    @Test
    void aHostNameAsTrustedProxyStopsTheStartUp(CapturedOutput output) {
        assertStartupFails(output, "--broker.security.trusted-proxies=ingress.example.com",
                "broker.security.trusted-proxies[0]", "not an IP address");
    }

    private int wrongToken(String from, String header) {
        return RawHttp.status(RawHttp.from(from, this.port, "GET", "/sessions/alertsite", "Authorization: Bearer wrong",
                header));
    }

    private static void assertStartupFails(CapturedOutput output, String property, String... expected) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(SessionBrokerApplication.class)
            .run("--server.port=0", "--broker.clients.ops.admin=true",
                    "--broker.clients.ops.token-sha256=" + ForwardedHeadersTest.DIGEST, property)
            .close());
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(expected);
    }
}
