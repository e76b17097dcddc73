package dev.sessionbroker.ops;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Logback's {@link AsyncAppender} in front of whatever the logger {@code audit} writes to
 * (its own appenders, and the root's while it is additive: Boot's console and file, with
 * their structured formats): a request thread hands its line over and returns. The queue is
 * bounded ({@link #QUEUE_SIZE}) and never waited for ({@code neverBlock}): when it is full a
 * line is dropped and counted in {@code broker.audit.dropped}. Unlike a plain
 * {@code AsyncAppender} it never drops INFO lines early (discarding threshold 1: only when
 * no room is left). Stopping it writes what waits, up to {@link #MAX_FLUSH_MILLIS}.
 */
final class AuditAppender extends AsyncAppender {

    static final String NAME = "AUDIT_ASYNC";

    static final int QUEUE_SIZE = 10_000;

    static final int MAX_FLUSH_MILLIS = 10_000;

    /** The one appender behind this one: where the lines go. */
    static final String TARGETS = "AUDIT_TARGETS";

    private final Counter dropped;

    private final Logger audit;

    /** What {@code audit} wrote to before: restored when this appender goes. */
    private final List<Appender<ILoggingEvent>> own = new ArrayList<>();

    private final boolean additive;

    /** Another context's appender this one took over from (tests run several), put back on close. */
    private final @Nullable AuditAppender previous;

    private AuditAppender(Logger audit, Counter dropped) {
        this.audit = audit;
        this.dropped = dropped;
        this.additive = audit.isAdditive();
        setName(NAME);
        setContext(audit.getLoggerContext());
        setQueueSize(QUEUE_SIZE);
        setNeverBlock(true);
        setDiscardingThreshold(1);
        setIncludeCallerData(false);
        setMaxFlushTime(MAX_FLUSH_MILLIS);
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        AuditAppender taken = null;
        for (Iterator<Appender<ILoggingEvent>> it = audit.iteratorForAppenders(); it.hasNext();) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender instanceof AuditAppender other && other.getAppender(TARGETS) instanceof Targets behind) {
                // Behind an AsyncAppender there is room for one appender: the targets, as one.
                taken = other;
                targets.addAll(behind.appenders);
            }
            else {
                this.own.add(appender);
                targets.add(appender);
            }
        }
        this.previous = taken;
        if (taken == null && this.additive) {
            audit.getLoggerContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders()
                .forEachRemaining(targets::add);
        }
        Targets behind = new Targets(targets);
        behind.setContext(getContext());
        behind.start();
        addAppender(behind);
    }

    /** Puts an appender in front of the logger {@code audit}; null if Logback is not the logging system. */
    static @Nullable AuditAppender attach(Counter dropped) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        Logger audit = context.getLogger("audit");
        AuditAppender appender = new AuditAppender(audit, dropped);
        appender.start();
        if (appender.previous != null) {
            audit.detachAppender(appender.previous);
        }
        appender.own.forEach(audit::detachAppender);
        audit.addAppender(appender);
        audit.setAdditive(false);
        return appender;
    }

    /** Writes what waits and gives {@code audit} back what it wrote to before. */
    void detach() {
        if (this.audit.detachAppender(this)) {
            if (this.previous != null && this.previous.isStarted()) {
                this.audit.addAppender(this.previous);
            }
            else {
                this.own.forEach(this.audit::addAppender);
                this.audit.setAdditive(this.additive);
            }
        }
        stop();
    }

    /**
     * Sends the lines elsewhere from now on (an {@code AsyncAppender} takes one appender only,
     * so they are swapped here); for tests.
     * @return where they went before
     */
    List<Appender<ILoggingEvent>> deliverTo(List<Appender<ILoggingEvent>> appenders) {
        Targets targets = (Targets) getAppender(TARGETS);
        List<Appender<ILoggingEvent>> before = targets.appenders;
        targets.appenders = List.copyOf(appenders);
        return before;
    }

    /**
     * Called by {@code AsyncAppenderBase} only when no room is left (threshold 1): the line is
     * dropped and counted.
     */
    @Override
    protected boolean isDiscardable(ILoggingEvent event) {
        this.dropped.increment();
        return true;
    }

    /**
     * The room check and the offer under one lock, so that two request threads cannot both
     * see the last slot free and one line go missing uncounted; the line is prepared (message
     * formatted, thread name read) before, outside the lock.
     */
    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        synchronized (this) {
            super.append(event);
        }
    }

    /**
     * The appenders behind this one, as one: stopping the asynchronous appender stops its own
     * appenders, and these are Boot's (or an operator's), which go on writing for others.
     */
    private static final class Targets extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private volatile List<Appender<ILoggingEvent>> appenders;

        Targets(List<Appender<ILoggingEvent>> appenders) {
            this.appenders = List.copyOf(appenders);
            setName(TARGETS);
        }

        @Override
        protected void append(ILoggingEvent event) {
            for (Appender<ILoggingEvent> appender : this.appenders) {
                appender.doAppend(event);
            }
        }
    }
}
