package dev.sessionbroker.security;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessionbroker.security.AuditLog.HandOut;
import dev.sessionbroker.security.AuditLog.Refusal;
import dev.sessionbroker.support.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit writer on its own: lines leave the calling thread, coalesced counts appear once
 * their interval has passed (time driven by {@link FakeTime}), close writes everything still
 * waiting, and a full queue drops lines into a metric instead of blocking.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTest {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    static final HandOut BILLING = new HandOut("billing", "alertsite", 200, "sha256:28a14d2c");

    final FakeTime time = new FakeTime();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    final AuditLog log = new AuditLog(new AuditTally<>(this.time, INTERVAL, 10), new AuditTally<>(this.time,
            AuditLog.REFUSAL_INTERVAL, 10), this.registry);

    @AfterEach
    void close() throws InterruptedException {
        this.log.close();
    }

    @Test
    void firstHandOutAppearsAtOnceAndTheRestWithinASecondOfTheirInterval(CapturedOutput output) {
        for (int i = 0; i < 5; i++) {
            this.log.handedOut(BILLING);
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> output.getAll().contains("count=1"));

        this.time.advance(INTERVAL);

        await().atMost(Duration.ofSeconds(1)).until(() -> output.getAll().contains("count=4"));
        assertThat(output.getAll()).contains("audit event=session.handout client=billing vendor=alertsite "
                + "outcome=success status=200 session=sha256:28a14d2c count=4");
    }

    @Test
    void refusalsOfOneAddressAreOneLinePerIntervalAndTheCountsAddUp(CapturedOutput output) {
        Refusal refusal = new Refusal("auth.missing", "10.1.2.3");
        for (int i = 0; i < 7; i++) {
            this.log.refused(refusal);
        }
        await().atMost(Duration.ofSeconds(1))
            .until(() -> output.getAll().contains("audit event=auth.missing remote=10.1.2.3 refused=1"));

        this.time.advance(AuditLog.REFUSAL_INTERVAL);

        await().atMost(Duration.ofSeconds(1))
            .until(() -> output.getAll().contains("audit event=auth.missing remote=10.1.2.3 refused=6"));
    }

    @Test
    void closeWritesCountsWhoseIntervalHasNotEnded(CapturedOutput output) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            this.log.handedOut(BILLING);
        }

        for (int i = 0; i < 3; i++) {
            this.log.refused(new Refusal("auth.throttled", "10.1.2.3"));
        }

        this.log.close();

        assertThat(output.getAll()).contains("count=1").contains("count=4").contains("refused=1")
            .contains("refused=2");
    }

    @Test
    void linesAreWrittenOffTheCallingThread(CapturedOutput output) {
        this.log.write((audit) -> audit.info("audit event=test thread={}", Thread.currentThread().getName()));

        await().atMost(Duration.ofSeconds(1)).until(() -> output.getAll().contains("audit event=test thread=audit-writer"));
    }

    @Test
    void aFullQueueDropsLinesAndCountsThemInsteadOfBlocking() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        this.log.write((audit) -> {
            writing.countDown();
            awaitQuietly(release);
        });
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < AuditLog.CAPACITY + 3; i++) {
            this.log.write((audit) -> audit.debug("filler"));
        }
        release.countDown();

        assertThat(this.registry.get("broker.audit.dropped").counter().count()).isEqualTo(3);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
