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
 * and closing it writes every count still waiting.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditListenerTest {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    static final SessionHandedOut BILLING = new SessionHandedOut("alertsite", "billing", "sha256:28a14d2c", null);

    final FakeTime time = new FakeTime();

    final AuditListener listener = new AuditListener(new AuditTally<>(this.time, INTERVAL, 10),
            new AuditTally<>(this.time, AuditListener.REFUSAL_INTERVAL, 10));

    @AfterEach
    void close() throws InterruptedException {
        this.listener.destroy();
    }

    @Test
    void firstHandOutAppearsAtOnceAndTheRestWithinASecondOfTheirInterval(CapturedOutput output) {
        for (int i = 0; i < 5; i++) {
            this.listener.handedOut(BILLING);
        }
        assertThat(output.getAll()).contains("count=1");

        this.time.advance(INTERVAL);

        await().atMost(Duration.ofSeconds(1)).until(() -> output.getAll().contains("count=4"));
        assertThat(output.getAll()).contains("audit event=session.handout client=billing vendor=alertsite "
                + "outcome=success status=200 session=sha256:28a14d2c count=4");
    }

    @Test
    void refusalsOfOneAddressAreOneLinePerIntervalAndTheCountsAddUp(CapturedOutput output) {
        for (int i = 0; i < 7; i++) {
            this.listener.authenticationFailed(refusal(AuditAction.AUTH_MISSING, "10.1.2.3"));
        }
        assertThat(output.getAll()).contains("audit event=auth.missing remote=10.1.2.3 refused=1");

        this.time.advance(AuditListener.REFUSAL_INTERVAL);

        await().atMost(Duration.ofSeconds(1))
            .until(() -> output.getAll().contains("audit event=auth.missing remote=10.1.2.3 refused=6"));
    }

    @Test
    void closeWritesCountsWhoseIntervalHasNotEnded(CapturedOutput output) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            this.listener.handedOut(BILLING);
        }
        for (int i = 0; i < 3; i++) {
            this.listener.authenticationFailed(refusal(AuditAction.AUTH_THROTTLED, "10.1.2.3"));
        }

        this.listener.destroy();

        assertThat(output.getAll()).contains("count=1").contains("count=4").contains("refused=1")
            .contains("refused=2");
    }

    /** Rotations are audited from the event the reloader publishes, not by the reloader itself. */
    @Test
    void rotatedCredentialsAreALineOfTheirOwn(CapturedOutput output) {
        this.listener.rotated(new CredentialsRotated(CredentialsRotated.Kind.VENDOR, "alertsite", false));
        this.listener.rotated(new CredentialsRotated(CredentialsRotated.Kind.CLIENT, "billing", true));

        assertThat(output.getAll()).contains("audit event=credentials.changed vendor=alertsite")
            .contains("audit event=credentials.revoked client=billing");
    }

    private static AuthenticationFailureBadCredentialsEvent refusal(AuditAction action, String remote) {
        return new AuthenticationFailureBadCredentialsEvent(new RefusedCredentials(action, remote, null, null),
                new BadCredentialsException("refused"));
    }
}
