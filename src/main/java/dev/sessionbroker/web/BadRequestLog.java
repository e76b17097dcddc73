package dev.sessionbroker.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One WARN line per {@link #INTERVAL} for callers' bad requests, with how many were not
 * logged since. Spring's own {@code PageNotFound} WARN per request would let any caller
 * write the log as fast as it can send; operators need to know it happens,
 * not every instance. Only the status and the kind of mistake are logged, never the input.
 */
@Component
class BadRequestLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(BadRequestLog.class);

    private final Ticker ticker;

    private final AtomicLong nextLineTick;

    private final AtomicLong unlogged = new AtomicLong();

    BadRequestLog(Ticker ticker) {
        this.ticker = ticker;
        this.nextLineTick = new AtomicLong(ticker.read());
    }

    void record(int status, Exception kind) {
        long now = this.ticker.read();
        long next = this.nextLineTick.get();
        if (now - next >= 0 && this.nextLineTick.compareAndSet(next, now + INTERVAL.toNanos())) {
            log.warn("bad request status={} kind={} notLoggedSinceLastLine={}", status, kind.getClass().getSimpleName(),
                    this.unlogged.getAndSet(0));
        }
        else {
            this.unlogged.incrementAndGet();
        }
    }
}
