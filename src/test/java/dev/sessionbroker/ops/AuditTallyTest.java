package dev.sessionbroker.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.ops.AuditListener.HandOut;
import dev.sessionbroker.ops.AuditTally.Count;
import dev.sessionbroker.support.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Coalescing of repeated audit events (hand-outs here), with time driven by {@link FakeTime}. */
class AuditTallyTest {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    static final HandOut BILLING = new HandOut("billing", "alertsite", "sha256:28a14d2c");

    static final HandOut REPORTS = new HandOut("reports", "alertsite", "sha256:28a14d2c");

    final FakeTime time = new FakeTime();

    final AuditTally<HandOut> tally = new AuditTally<>(this.time, INTERVAL, 3);

    @Test
    void firstHandOutIsWrittenAtOnceAndRepeatsWaitForTheEndOfTheInterval() {
        assertThat(this.tally.add(BILLING)).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(this.tally.add(BILLING)).isFalse();
        }

        this.time.advance(INTERVAL.minusNanos(1));
        assertThat(this.tally.due()).isEmpty();
        this.time.advance(Duration.ofNanos(1));
        assertThat(this.tally.due()).containsExactly(new Count<>(BILLING, 4));
    }

    @Test
    void eachClientAndSessionHasItsOwnLine() {
        assertThat(this.tally.add(BILLING)).isTrue();
        assertThat(this.tally.add(REPORTS)).isTrue();
        HandOut newSession = new HandOut("billing", "alertsite", "sha256:9d3be510");
        assertThat(this.tally.add(newSession)).isTrue();
    }

    @Test
    void beyondTheKeysItMayCoalesceEveryEventIsALineOfItsOwn() {
        this.tally.add(BILLING);
        this.tally.add(REPORTS);
        HandOut third = new HandOut("ops", "alertsite", "sha256:28a14d2c");
        this.tally.add(third);
        HandOut fourth = new HandOut("poller", "alertsite", "sha256:28a14d2c");

        assertThat(this.tally.add(fourth)).isTrue();
        assertThat(this.tally.add(fourth)).isTrue();
        // The keys already counted are still coalesced.
        assertThat(this.tally.add(BILLING)).isFalse();
    }

    @Test
    void busyHandOutGetsOneLinePerInterval() {
        this.tally.add(BILLING);
        List<Count<HandOut>> lines = new ArrayList<>();
        for (int interval = 0; interval < 3; interval++) {
            for (int i = 0; i < 10; i++) {
                this.tally.add(BILLING);
            }
            this.time.advance(INTERVAL);
            lines.addAll(this.tally.due());
        }

        assertThat(lines).containsExactly(new Count<>(BILLING, 10), new Count<>(BILLING, 10), new Count<>(BILLING, 10));
    }

    @Test
    void afterAQuietIntervalTheNextHandOutIsWrittenAtOnceAgain() {
        this.tally.add(BILLING);
        this.time.advance(INTERVAL);
        assertThat(this.tally.due()).isEmpty();

        assertThat(this.tally.add(BILLING)).isTrue();
    }

    @Test
    void drainReportsWhatIsCountedWithoutWaitingForTheInterval() {
        this.tally.add(BILLING);
        this.tally.add(BILLING);
        this.tally.add(REPORTS);
        this.tally.add(REPORTS);
        this.tally.add(REPORTS);

        assertThat(this.tally.drain()).containsExactlyInAnyOrder(new Count<>(BILLING, 1), new Count<>(REPORTS, 2));
        assertThat(this.tally.drain()).isEmpty();
    }

    @Test
    void concurrentHandOutsAreEachCountedExactlyOnce() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        AtomicLong written = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            // Intervals end (and quiet windows retire) while the hand-outs race with them.
            Future<?> flusher = pool.submit(() -> {
                while (running.get()) {
                    this.time.advance(INTERVAL);
                    this.tally.due().forEach((count) -> written.addAndGet(count.count()));
                }
            });
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                callers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        if (this.tally.add(BILLING)) {
                            written.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(1, TimeUnit.MINUTES);
            }
            running.set(false);
            flusher.get(1, TimeUnit.MINUTES);
        }
        finally {
            pool.shutdownNow();
        }
        this.tally.drain().forEach((count) -> written.addAndGet(count.count()));

        assertThat(written.get()).isEqualTo((long) threads * perThread);
    }
}
