package dev.sessionbroker.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * One hand on both of the broker's clocks: the wall clock for timestamps and Caffeine's
 * ticker for expiry, advanced together so that tests can skip minutes without sleeping.
 */
public final class FakeTime extends Clock implements Ticker {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong();

    public void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
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
