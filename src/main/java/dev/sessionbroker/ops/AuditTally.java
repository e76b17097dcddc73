package dev.sessionbroker.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Counts repeated audit events of one kind between audit lines — hand-outs of one session to
 * one client, refusals of one address — so that a client polling its session thousands of
 * times a second, or a caller hammering the broker without credentials, costs one line per
 * interval, not one per request (docs/contract.md allows the coalescing). The first event after a
 * quiet interval is written at once; later ones are counted and reported when their interval
 * has passed. Every event is counted exactly once: in the line written at once, in a
 * {@link #due()} count or in the {@link #drain()} at shutdown.
 * <p>
 * At most {@code maxKeys} events are coalesced at a time, so that callers from many
 * addresses cannot grow the heap: beyond it an event is reported as a line of its own (the
 * audit queue bounds those).
 *
 * @param <K> what one coalesced line stands for; equal keys share a line
 */
final class AuditTally<K> {

    /** A line to write: {@code count} events since the last line of the same key. */
    record Count<K>(K key, long count) {
    }

    private final Map<K, Window> windows = new ConcurrentHashMap<>();

    private final Ticker ticker;

    private final long intervalNanos;

    private final int maxKeys;

    AuditTally(Ticker ticker, Duration interval, int maxKeys) {
        this.ticker = ticker;
        this.intervalNanos = interval.toNanos();
        this.maxKeys = maxKeys;
    }

    /**
     * Counts one event; lock-free, no allocation once the key is known.
     * @return true if it is the first after a quiet interval (or too many keys are counted
     * already): the caller writes its line now, with a count of 1
     */
    boolean add(K key) {
        while (true) {
            Window window = this.windows.get(key);
            if (window == null) {
                if (this.windows.size() >= this.maxKeys) {
                    return true;
                }
                if (this.windows.putIfAbsent(key, new Window(this.ticker.read())) == null) {
                    return true;
                }
            }
            else if (window.add()) {
                return false;
            }
            else {
                // Retired by due() in the meantime: its count is written; start a new window.
                this.windows.remove(key, window);
            }
        }
    }

    /**
     * The counts of every window at least an interval old, each starting a new window; a
     * window that counted nothing in a whole interval retires, so the next event is written
     * at once again.
     */
    List<Count<K>> due() {
        long now = this.ticker.read();
        List<Count<K>> counts = new ArrayList<>();
        this.windows.forEach((key, window) -> {
            if (now - window.start < this.intervalNanos) {
                return;
            }
            long count = window.take();
            if (count > 0) {
                window.start = now;
                counts.add(new Count<>(key, count));
            }
            else if (window.retire()) {
                this.windows.remove(key, window);
            }
        });
        return counts;
    }

    /** Every count not yet written, whatever the interval: for shutdown. */
    List<Count<K>> drain() {
        List<Count<K>> counts = new ArrayList<>();
        this.windows.forEach((key, window) -> {
            long count = 0;
            do {
                // An event racing with the retirement lands in this count, not in a lost window.
                count += window.take();
            }
            while (!window.retire() && !window.isRetired());
            this.windows.remove(key, window);
            if (count > 0) {
                counts.add(new Count<>(key, count));
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
