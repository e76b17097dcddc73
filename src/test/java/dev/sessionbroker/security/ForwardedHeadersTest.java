package dev.sessionbroker.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;

import dev.sessionbroker.support.FakeTimeConfiguration;
import dev.sessionbroker.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On Kubernetes with no proxy configured, {@code X-Forwarded-For} is only a header: the
 * caller's address is the TCP peer for the auth-failure back-off and the audit, whatever it
 * writes there. Each test talks from a loopback address of its own (time stands still:
 * {@link dev.sessionbroker.support.FakeTime}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "broker.clients.ops.admin=true", "broker.clients.ops.token-sha256=" + ForwardedHeadersTest.DIGEST })
@ContextConfiguration(initializers = OnKubernetes.class)
@Import(FakeTimeConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ForwardedHeadersTest {

    static final String DIGEST = "1d3a8bd2f5ba8c7fe8e3c4ed53f8efbc3e7ea1ab3cdb4d4cc4c4fbd7bcf0cfa5";

    static final String FORGED = "10.1.1.1 reason=ok forged=yes";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void bootSeesKubernetes() {
        // Else the tests below would prove nothing: Boot turns forwarding on only there.
        assertThat(CloudPlatform.getActive(this.environment)).isEqualTo(CloudPlatform.KUBERNETES);
    }

    @Test
    void aNewForwardedForPerRequestDoesNotEscapeTheBackOff() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(RawHttp.status(RawHttp.from("127.0.0.41", this.port, "GET", "/sessions/alertsite",
                    "Authorization: Bearer wrong-" + i, "X-Forwarded-For: 10.1.1." + i)));
        }

        assertThat(statuses.subList(0, AuthFailureThrottle.FREE_FAILURES + 1)).containsOnly(401);
        assertThat(statuses.subList(AuthFailureThrottle.FREE_FAILURES + 1, statuses.size())).containsOnly(429);
    }

    @Test
    void aForgedForwardedForIsNeitherTheAuditedAddressNorAField(CapturedOutput output) {
        RawHttp.from("127.0.0.42", this.port, "GET", "/sessions/alertsite", "Authorization: Bearer wrong",
                "X-Forwarded-For: " + FORGED, "X-Real-IP: 10.2.2.2", "Forwarded: for=10.3.3.3");
        RawHttp.from("127.0.0.42", this.port, "GET", "/sessions/alertsite", "X-Forwarded-For: " + FORGED);

        await().atMost(Duration.ofSeconds(2)).until(() -> output.getAll()
            .contains("audit event=auth.failure remote=127.0.0.42 reason=invalid-token"));
        await().atMost(Duration.ofSeconds(2)).until(() -> output.getAll()
            .contains("audit event=auth.missing remote=127.0.0.42 refused=1"));
        assertThat(output.getAll()).doesNotContain("forged").doesNotContain("10.1.1.1").doesNotContain("10.2.2.2")
            .doesNotContain("10.3.3.3");
    }
}
