package dev.sessionbroker.ops;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

import dev.sessionbroker.broker.SessionHandedOut;
import dev.sessionbroker.credentials.CredentialsRotated;
import dev.sessionbroker.security.AuditAction;
import dev.sessionbroker.security.RefusedCredentials;
import dev.sessionbroker.support.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit listener on its own, fed the events the broker and Spring Security publish:
 * coalesced counts appear once their interval has passed (time driven by {@link FakeTime}),
 * and closing it writes every count still waiting. Lines may go through the asynchronous
 * appender of a context another test left open, so they are awaited, and each test has keys of
 * its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditListenerTest {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    final FakeTime time = new FakeTime();

    final AuditListener listener = new AuditListener(new AuditTally<>(this.time, INTERVAL, 10),
            new AuditTally<>(this.time, AuditListener.REFUSAL_INTERVAL, 10));

    @AfterEach
    void close() throws InterruptedException {
        this.listener.destroy();
    }

    @Test
    void firstHandOutAppearsAtOnceAndTheRestWithinASecondOfTheirInterval(CapturedOutput output) {
        String line = "audit event=session.handout client=billing-1 vendor=alertsite outcome=success status=200 "
                + "session=sha256:28a14d2c count=";
        for (int i = 0; i < 5; i++) {
            this.listener.handedOut(handOut("billing-1"));
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> output.getAll().contains(line + "1"));

        this.time.advance(INTERVAL);

        await().atMost(Duration.ofSeconds(1)).until(() -> output.getAll().contains(line + "4"));
    }

    @Test
    void refusalsOfOneAddressAreOneLinePerIntervalAndTheCountsAddUp(CapturedOutput output) {
        for (int i = 0; i < 7; i++) {
            this.listener.authenticationFailed(refusal(AuditAction.AUTH_MISSING, "10.1.2.3"));
        }
        await().atMost(Duration.ofSeconds(1))
            .until(() -> output.getAll().contains("audit event=auth.missing remote=10.1.2.3 refused=1"));

        this.time.advance(AuditListener.REFUSAL_INTERVAL);

        await().atMost(Duration.ofSeconds(1))
            .until(() -> output.getAll().contains("audit event=auth.missing remote=10.1.2.3 refused=6"));
    }

    @Test
    void closeWritesCountsWhoseIntervalHasNotEnded(CapturedOutput output) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            this.listener.handedOut(handOut("billing-2"));
        }
        for (int i = 0; i < 3; i++) {
            this.listener.authenticationFailed(refusal(AuditAction.AUTH_THROTTLED, "10.1.2.4"));
        }

        this.listener.destroy();

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(output.getAll())
            .contains("client=billing-2 vendor=alertsite outcome=success status=200 session=sha256:28a14d2c count=1")
            .contains("client=billing-2 vendor=alertsite outcome=success status=200 session=sha256:28a14d2c count=4")
            .contains("audit event=auth.throttled remote=10.1.2.4 refused=1")
            .contains("audit event=auth.throttled remote=10.1.2.4 refused=2"));
    }

    /** Rotations are audited from the event the reloader publishes, not by the reloader itself. */
    @Test
    void rotatedCredentialsAreALineOfTheirOwn(CapturedOutput output) {
        this.listener.rotated(new CredentialsRotated(CredentialsRotated.Kind.VENDOR, "alertsite", false));
        this.listener.rotated(new CredentialsRotated(CredentialsRotated.Kind.CLIENT, "billing", true));

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(output.getAll())
            .contains("audit event=credentials.changed vendor=alertsite")
            .contains("audit event=credentials.revoked client=billing"));
    }

    private static SessionHandedOut handOut(String client) {
        return new SessionHandedOut(AuditListenerTest.class, "alertsite", client, "sha256:28a14d2c", null);
    }

    private static AuthenticationFailureBadCredentialsEvent refusal(AuditAction action, String remote) {
        return new AuthenticationFailureBadCredentialsEvent(new RefusedCredentials(action, remote, null, null, "alertsite"),
                new BadCredentialsException("refused"));
    }
}
