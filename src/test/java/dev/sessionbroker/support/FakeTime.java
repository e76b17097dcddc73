package dev.sessionbroker.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.retry.backoff.Sleeper;

/**
 * One hand on all of the broker's clocks: the wall clock for timestamps, Caffeine's ticker
 * for expiry and the login back-off's sleeper, advanced together so that tests can skip
 * minutes without sleeping.
 */
public final class FakeTime extends Clock implements Ticker, Sleeper {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong();

    public void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
    }

    /** Login back-off "sleeps" by moving time on, so retry tests take no wall-clock time. */
    @Override
    public void sleep(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public long read() {
        return this.nanos.get();
    }

    @Override
    public Instant instant() {
        return START.plusNanos(this.nanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeTime is UTC only");
    }
}
