package dev.sessionbroker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The storm, isolation and footprint benchmarks (bench/README.md): each starts a
 * {@link StubVendor} in this JVM and the broker in its own, both on loopback, and prints one
 * line per measurement. Usage: {@code Harness herd|refresh|isolation|footprint <results-dir>}.
 */
public final class Harness {

    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\":\"([^\"]+)\"");

    private static final int[] HERD_SIZES = { 100, 1000, 5000 };

    private static final int REPEATS = Integer.getInteger("bench.repeats", 3);

    private static final long LOGIN_MILLIS = 200;

    private static final int WARM_UP_HERDS = 5;

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[1]);
        Files.createDirectories(results);
        switch (args[0]) {
            case "herd" -> herd(results);
            case "refresh" -> refresh(results);
            case "isolation" -> isolation(results);
            case "footprint" -> footprint(results);
            case "replicas" -> Replicas.run(results);
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
        System.exit(0);
    }

    /**
     * N concurrent callers on a vendor without a session whose login takes 200 ms. For scale,
     * the same N then ask again with the session cached, and N ask the control endpoint (the
     * cheapest answer this server can give at all).
     */
    static void herd(Path results) throws Exception {
        List<String> vendors = new ArrayList<>(List.of("warm-up"));
        IntStream.rangeClosed(1, WARM_UP_HERDS).forEach((i) -> vendors.add("warm-up-herd-" + i));
        for (int n : HERD_SIZES) {
            IntStream.rangeClosed(1, REPEATS).forEach((r) -> vendors.add("herd-" + n + "-r" + r));
        }
        try (StubVendor stub = new StubVendor();
                BrokerProcess broker = BrokerProcess.start(stub, vendors, "10s", results.resolve("herd.broker.log"),
                        "--spring.profiles.active=bench")) {
            vendors.forEach((vendor) -> stub.delay(vendor, LOGIN_MILLIS));
            broker.untilFirstSession("warm-up");
            Callers.fire(broker.port, 1000, Callers.get("/sessions/warm-up"), 10_000);
            Callers.fire(broker.port, 1000, Callers.get("/bench/control/warm-up"), 10_000);
            // Waiting callers take a path of their own (the asynchronous answer): compile it too,
            // so that the repeats measure the broker and not the JIT.
            for (int i = 1; i <= WARM_UP_HERDS; i++) {
                Callers.fire(broker.port, 1000, Callers.get("/sessions/warm-up-herd-" + i), 10_000);
            }
            for (int r = 1; r <= REPEATS; r++) {
                for (int n : HERD_SIZES) {
                    String vendor = "herd-" + n + "-r" + r;
                    List<Callers.Answer> answers = Callers.fire(broker.port, n, Callers.get("/sessions/" + vendor), 30_000);
                    System.out.println("herd n=" + n + " repeat=" + r + " vendor_logins=" + stub.logins(vendor) + " "
                            + describe(answers) + " login_ms=" + LOGIN_MILLIS);
                    List<Callers.Answer> cached = Callers.fire(broker.port, n, Callers.get("/sessions/" + vendor), 30_000);
                    System.out.println("herd-cached n=" + n + " repeat=" + r + " vendor_logins=" + stub.logins(vendor)
                            + " " + describe(cached));
                    List<Callers.Answer> control = Callers.fire(broker.port, n, Callers.get("/bench/control/" + vendor),
                            30_000);
                    System.out.println("herd-control n=" + n + " repeat=" + r + " " + describe(control));
                }
            }
        }
    }

    /** N concurrent refreshes naming the same rejected session. */
    static void refresh(Path results) throws Exception {
        List<String> vendors = new ArrayList<>(List.of("warm-up"));
        for (int n : HERD_SIZES) {
            IntStream.rangeClosed(1, REPEATS).forEach((r) -> vendors.add("storm-" + n + "-r" + r));
        }
        try (StubVendor stub = new StubVendor();
                BrokerProcess broker = BrokerProcess.start(stub, vendors, "10s", results.resolve("refresh.broker.log"))) {
            vendors.forEach((vendor) -> stub.delay(vendor, LOGIN_MILLIS));
            broker.untilFirstSession("warm-up");
            for (int r = 1; r <= REPEATS; r++) {
                for (int n : HERD_SIZES) {
                    String vendor = "storm-" + n + "-r" + r;
                    String rejected = sessionId(broker.get("/sessions/" + vendor).body());
                    int before = stub.logins(vendor);
                    List<Callers.Answer> answers = Callers.fire(broker.port, n, Callers.postJson(
                            "/sessions/" + vendor + "/refresh", "{\"rejectedSessionId\":\"" + rejected + "\"}"), 30_000);
                    boolean rejectedHandedOut = answers.stream().anyMatch((a) -> rejected.equals(sessionId(a.body())));
                    System.out.println("refresh n=" + n + " repeat=" + r + " vendor_logins=" + (stub.logins(vendor) - before)
                            + " " + describe(answers) + " rejected_session_handed_out=" + rejectedHandedOut);
                }
            }
        }
    }

    /**
     * Another vendor's cached GETs without a hung vendor, with one (1000 callers waiting on a
     * 30 s login), and without again after it.
     */
    static void isolation(Path results) throws Exception {
        int callers = Integer.getInteger("bench.isolation.callers", 8);
        Duration window = Duration.ofSeconds(10);
        try (StubVendor stub = new StubVendor(); BrokerProcess broker = BrokerProcess.start(stub,
                List.of("healthy", "hanging"), "60s", results.resolve("isolation.broker.log"))) {
            stub.delay("hanging", 30_000);
            broker.untilFirstSession("healthy");
            var request = broker.request("/sessions/healthy").GET().build();
            // Long enough for the JIT to finish with both sides: with 5 s the "after" phase ran at
            // 3.5 times the request rate of "before", which made the two baselines incomparable.
            ClosedLoopLoad.run(request, callers, Duration.ofSeconds(Integer.getInteger("bench.isolation.warmup", 20)));
            System.out.println("isolation phase=without-before " + ClosedLoopLoad.run(request, callers, window).describe());
            CompletableFuture<List<Callers.Answer>> hung = CompletableFuture.supplyAsync(() -> {
                try {
                    return Callers.fire(broker.port, 1000, Callers.get("/sessions/hanging"), 60_000);
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            while (stub.logins("hanging") == 0) {
                Thread.sleep(5);
            }
            long hangStarted = System.nanoTime();
            ClosedLoopLoad.Result during = ClosedLoopLoad.run(request, callers, window);
            boolean stillHanging = !hung.isDone()
                    && System.nanoTime() - hangStarted < Duration.ofSeconds(30).toNanos();
            System.out.println("isolation phase=with-hung-vendor " + during.describe()
                    + " hanging_callers_still_waiting_at_end=" + stillHanging);
            List<Callers.Answer> released = hung.get(90, TimeUnit.SECONDS);
            System.out.println("isolation hung-vendor callers=1000 vendor_logins=" + stub.logins("hanging") + " "
                    + describe(released));
            System.out.println("isolation phase=without-after " + ClosedLoopLoad.run(request, callers, window).describe());
        }
    }

    /** Start-up to first answer and RSS after warm-up, with 1 and with 1000 vendors. */
    static void footprint(Path results) throws Exception {
        for (int r = 1; r <= REPEATS; r++) {
            for (int count : new int[] { 1, 1000 }) {
                List<String> vendors = IntStream.rangeClosed(1, count).mapToObj((i) -> String.format("v%04d", i)).toList();
                try (StubVendor stub = new StubVendor(); BrokerProcess broker = BrokerProcess.start(stub, vendors, "10s",
                        results.resolve("footprint-" + count + ".broker.log"))) {
                    Duration startup = broker.untilFirstSession("v0001");
                    for (String vendor : vendors) {
                        if (broker.get("/sessions/" + vendor).statusCode() != 200) {
                            throw new IllegalStateException("no session for " + vendor);
                        }
                    }
                    // The same warm-up whatever the vendor count: 20 000 cached GETs spread over the vendors.
                    for (int i = 0; i < 20_000; i++) {
                        broker.get("/sessions/" + vendors.get(i % count));
                    }
                    Thread.sleep(2000);
                    String rss = broker.status("VmRSS");
                    String threads = broker.status("Threads");
                    broker.jcmd("GC.run");
                    Thread.sleep(1000);
                    String rssAfterGc = broker.status("VmRSS");
                    System.out.println("footprint vendors=" + count + " repeat=" + r + " startup_to_first_answer_ms="
                            + startup.toMillis() + " vendor_logins=" + stub.totalLogins() + " rss=" + rss.replace(" ", "")
                            + " rss_after_full_gc=" + rssAfterGc.replace(" ", "") + " threads=" + threads
                            + " heap_used_after_full_gc=" + heapUsed(broker.jcmd("GC.heap_info")));
                    // What the live heap is made of, to find the per-vendor cost.
                    Files.writeString(results.resolve("footprint-" + count + "-r" + r + ".histogram.txt"),
                            broker.jcmd("GC.class_histogram"));
                }
            }
        }
    }

    private static String heapUsed(String heapInfo) {
        Matcher used = Pattern.compile("used (\\d+K)").matcher(heapInfo);
        return used.find() ? used.group(1) : "?";
    }

    static String describe(List<Callers.Answer> answers) {
        long errors = answers.stream().filter((a) -> a.status() != 200).count();
        Map<Integer, Long> statuses = answers.stream()
            .collect(Collectors.groupingBy(Callers.Answer::status, TreeMap::new, Collectors.counting()));
        long[] millis = answers.stream().mapToLong((a) -> a.nanos() / 1_000_000).sorted().toArray();
        long distinctSessions = answers.stream().map((a) -> sessionId(a.body())).filter((id) -> id != null).distinct().count();
        return "errors=" + errors + " statuses=" + statuses + " distinct_sessions=" + distinctSessions
                + " first_answer_ms=" + millis[0] + " median_answer_ms=" + millis[millis.length / 2]
                + " last_answer_ms=" + millis[millis.length - 1];
    }

    private static String sessionId(String body) {
        Matcher matcher = SESSION_ID.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

}
