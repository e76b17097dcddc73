package dev.sessionbroker.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of callers that each send the next request as soon as the last one is
 * answered, for a fixed time, recording every latency (no sampling, no coordinated-omission
 * correction: the callers are closed-loop, as the broker's callers are).
 */
final class ClosedLoopLoad {

    record Result(long requests, long errors, double seconds, long[] sortedNanos) {

        long percentileMicros(double percentile) {
            if (this.sortedNanos.length == 0) {
                return -1;
            }
            int index = (int) Math.ceil(percentile / 100.0 * this.sortedNanos.length) - 1;
            return this.sortedNanos[Math.max(0, Math.min(index, this.sortedNanos.length - 1))] / 1000;
        }

        String describe() {
            return String.format("requests=%d errors=%d req/s=%.0f p50_us=%d p99_us=%d p999_us=%d max_us=%d",
                    this.requests, this.errors, this.requests / this.seconds, percentileMicros(50),
                    percentileMicros(99), percentileMicros(99.9), percentileMicros(100));
        }
    }

    private ClosedLoopLoad() {
    }

    static Result run(HttpRequest request, int callers, Duration duration) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + duration.toNanos();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[callers];
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < callers; i++) {
            long[] mine = new long[1_000_000];
            latencies.add(mine);
            int caller = i;
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                    catch (Exception ex) {
                        errors.incrementAndGet();
                    }
                    mine[n++] = System.nanoTime() - sent;
                }
                counts[caller] = n;
            }, "load-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int i = 0; i < callers; i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return new Result(all.length, errors.get(), seconds, all);
    }
}
