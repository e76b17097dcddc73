package dev.sessionbroker.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Counts the hand-outs of one session to one client between audit lines, so that a client
 * polling its session thousands of times a second costs one line per interval, not one per
 * request (SPEC §7 allows the coalescing). The first hand-out after a quiet interval is
 * written at once; later ones are counted and reported when their interval has passed.
 * Every hand-out is counted exactly once: in the line written at once, in a {@link #due()}
 * count or in the {@link #drain()} at shutdown.
 */
final class HandOutTally {

    /** What one coalesced audit line stands for. */
    record HandOut(String client, String vendor, int status, String session) {
    }

    /** A line to write: {@code count} hand-outs since the last line of the same hand-out. */
    record Count(HandOut handOut, long count) {
    }

    private final Map<HandOut, Window> windows = new ConcurrentHashMap<>();

    private final Ticker ticker;

    private final long intervalNanos;

    HandOutTally(Ticker ticker, Duration interval) {
        this.ticker = ticker;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Counts one hand-out; lock-free, no allocation once the hand-out is known.
     * @return true if it is the first after a quiet interval: the caller writes its line now
     */
    boolean add(HandOut handOut) {
        while (true) {
            Window window = this.windows.get(handOut);
            if (window == null) {
                if (this.windows.putIfAbsent(handOut, new Window(this.ticker.read())) == null) {
                    return true;
                }
            }
            else if (window.add()) {
                return false;
            }
            else {
                // Retired by due() in the meantime: its count is written; start a new window.
                this.windows.remove(handOut, window);
            }
        }
    }

    /**
     * The counts of every window at least an interval old, each starting a new window; a
     * window that counted nothing in a whole interval retires, so the next hand-out is written
     * at once again.
     */
    List<Count> due() {
        long now = this.ticker.read();
        List<Count> counts = new ArrayList<>();
        this.windows.forEach((handOut, window) -> {
            if (now - window.start < this.intervalNanos) {
                return;
            }
            long count = window.take();
            if (count > 0) {
                window.start = now;
                counts.add(new Count(handOut, count));
            }
            else if (window.retire()) {
                this.windows.remove(handOut, window);
            }
        });
        return counts;
    }

    /** Every count not yet written, whatever the interval: for shutdown. */
    List<Count> drain() {
        List<Count> counts = new ArrayList<>();
        this.windows.forEach((handOut, window) -> {
            long count = 0;
            do {
                // A hand-out racing with the retirement lands in this count, not in a lost window.
                count += window.take();
            }
            while (!window.retire() && !window.isRetired());
            this.windows.remove(handOut, window);
            if (count > 0) {
                counts.add(new Count(handOut, count));
            }
        });
        return counts;
    }

    /**
     * Hand-outs counted since the last line; {@code RETIRED} once written off, so that an
     * {@link #add} racing with {@link #due} can never land in a window nobody reads again.
     */
    private static final class Window {

        private static final long RETIRED = -1;

        private final AtomicLong count = new AtomicLong();

        private volatile long start;

        Window(long start) {
            this.start = start;
        }

        boolean add() {
            long current;
            do {
                current = this.count.get();
                if (current == RETIRED) {
                    return false;
                }
            }
            while (!this.count.compareAndSet(current, current + 1));
            return true;
        }

        long take() {
            long current;
            do {
                current = this.count.get();
                if (current == RETIRED) {
                    return 0;
                }
            }
            while (!this.count.compareAndSet(current, 0));
            return current;
        }

        boolean retire() {
            return this.count.compareAndSet(0, RETIRED);
        }

        boolean isRetired() {
            return this.count.get() == RETIRED;
        }
    }
}
