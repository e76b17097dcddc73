package dev.sessionbroker.security;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionbroker.security.AuditTally.Count;

/**
 * The audit's one writer: request threads hand it their line and return, so they never wait
 * on the log (docs/contract.md); a daemon thread writes the lines to the logger {@code audit}, which
 * keeps Boot's appenders, structured formats and any appender an operator attaches to
 * {@code audit}. Hand-outs, and refusals of callers that could repeat them at will (no
 * credentials, wrong tokens during a back-off), are coalesced by an {@link AuditTally} each.
 * <p>
 * The queue is bounded: when {@link #CAPACITY} lines wait, a further line is dropped and
 * counted in {@code broker.audit.dropped} rather than making a request wait or the heap grow.
 * Coalesced events take no room in the queue until their interval ends. On close (context
 * shutdown, after the web server has drained its requests) every waiting line and count is
 * written before the method returns.
 */
final class AuditLog implements AutoCloseable {

    static final int CAPACITY = 10_000;

    /** Refusals a caller repeats at will are written once per address per interval. */
    static final Duration REFUSAL_INTERVAL = Duration.ofMinutes(1);

    /**
     * Keys coalesced at once, per kind: bounds the heap a caller with many addresses could
     * take; beyond it events are lines of their own, which the queue bounds.
     */
    static final int MAX_COALESCED = 100_000;

    /** How often the writer looks for coalesced counts whose interval has passed. */
    private static final long TICK_MILLIS = 100;

    private static final Logger audit = LoggerFactory.getLogger("audit");

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final BlockingQueue<AuditLine> queue = new ArrayBlockingQueue<>(CAPACITY);

    private final AuditTally<HandOut> handOuts;

    private final AuditTally<Refusal> refusals;

    private final Counter dropped;

    private final Thread writer;

    private volatile boolean closed;

    AuditLog(AuditTally<HandOut> handOuts, AuditTally<Refusal> refusals, MeterRegistry registry) {
        this.handOuts = handOuts;
        this.refusals = refusals;
        this.dropped = Counter.builder("broker.audit.dropped")
            .description("Audit lines dropped because the audit queue was full; requests never wait for the log")
            .register(registry);
        this.writer = new Thread(this::writeUntilClosed, "audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** A line written as it is; never blocks. */
    void write(AuditLine line) {
        if (!this.queue.offer(line)) {
            this.dropped.increment();
        }
    }

    /** A successful hand-out: written now if it is the first in a while, else counted. */
    void handedOut(HandOut handOut) {
        if (this.handOuts.add(handOut)) {
            write((logger) -> writeHandOut(logger, handOut, 1));
        }
    }

    /** A refusal a caller can repeat at will: written now if it is the first in a while, else counted. */
    void refused(Refusal refusal) {
        if (this.refusals.add(refusal)) {
            write((logger) -> writeRefusals(logger, refusal, 1));
        }
    }

    private void writeUntilClosed() {
        long nextTick = System.nanoTime();
        while (!this.closed) {
            try {
                AuditLine line = this.queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (line != null) {
                    writeSafely(line);
                }
            }
            catch (InterruptedException ex) {
                return;
            }
            if (System.nanoTime() - nextTick >= 0) {
                nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                writeCounts(this.handOuts.due(), this.refusals.due());
            }
        }
    }

    /** Writes what is left, from the closing thread, once the writer has stopped. */
    @Override
    public void close() throws InterruptedException {
        this.closed = true;
        this.writer.interrupt();
        this.writer.join(Duration.ofSeconds(10).toMillis());
        AuditLine line;
        while ((line = this.queue.poll()) != null) {
            writeSafely(line);
        }
        writeCounts(this.handOuts.drain(), this.refusals.drain());
    }

    private static void writeCounts(List<Count<HandOut>> handOuts, List<Count<Refusal>> refusals) {
        for (Count<HandOut> count : handOuts) {
            writeSafely((logger) -> writeHandOut(logger, count.key(), count.count()));
        }
        for (Count<Refusal> count : refusals) {
            writeSafely((logger) -> writeRefusals(logger, count.key(), count.count()));
        }
    }

    private static void writeSafely(AuditLine line) {
        try {
            line.writeTo(audit);
        }
        catch (RuntimeException ex) {
            // An appender's failure must not stop the writer and with it the whole audit.
            log.warn("Could not write an audit line: {}", ex.toString());
        }
    }

    private static void writeHandOut(Logger logger, HandOut handOut, long count) {
        logger.atInfo()
            .addKeyValue("event.action", "session.handout")
            .addKeyValue("broker.client", handOut.client())
            .addKeyValue("broker.vendor", handOut.vendor())
            .addKeyValue("broker.outcome", "success")
            .addKeyValue("http.response.status_code", handOut.status())
            .addKeyValue("broker.session", handOut.session())
            .addKeyValue("broker.count", count)
            .log("audit event=session.handout client={} vendor={} outcome=success status={} session={} count={}",
                    handOut.client(), handOut.vendor(), handOut.status(), handOut.session(), count);
    }

    private static void writeRefusals(Logger logger, Refusal refusal, long count) {
        logger.atWarn()
            .addKeyValue("event.action", refusal.event())
            .addKeyValue("client.address", refusal.remote())
            .addKeyValue("broker.refused", count)
            .log("audit event={} remote={} refused={}", refusal.event(), refusal.remote(), count);
    }

    /** What one coalesced hand-out line stands for. */
    record HandOut(String client, String vendor, int status, String session) {
    }

    /**
     * What one coalesced refusal line stands for: refusals of one kind from one address.
     *
     * @param event {@code auth.missing} (no usable credentials) or {@code auth.throttled}
     * (a wrong token during its address's back-off)
     * @param remote the caller's address, as {@link LogValues#safe} makes it
     */
    record Refusal(String event, String remote) {
    }

    /** One audit line, written on the writer thread. */
    @FunctionalInterface
    interface AuditLine {

        void writeTo(Logger audit);
    }
}
