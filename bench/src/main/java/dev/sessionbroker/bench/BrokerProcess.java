package dev.sessionbroker.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The broker in its own JVM on loopback (the same class path as this harness, the flags of
 * {@code BENCH_JVM_FLAGS}), with AlertSite-type vendors pointing at a {@link StubVendor}.
 */
final class BrokerProcess implements AutoCloseable {

    final int port;

    final Process process;

    final long startedAtNanos;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BrokerProcess(int port, Process process, long startedAtNanos) {
        this.port = port;
        this.process = process;
        this.startedAtNanos = startedAtNanos;
    }

    /** @param readTimeout the vendors' read-timeout (a hanging login must outlast its hang) */
    static BrokerProcess start(StubVendor stub, Collection<String> vendors, String readTimeout, Path log,
            String... extraArgs) throws IOException {
        int port = freePort();
        StringBuilder yaml = new StringBuilder("broker:\n  vendors:\n");
        for (String vendor : vendors) {
            yaml.append("    ").append(vendor).append(":\n")
                .append("      type: alertsite\n")
                .append("      base-url: ").append(stub.baseUrl(vendor)).append('\n')
                .append("      username: bench@example.com\n")
                .append("      password: bench-password\n")
                .append("      read-timeout: ").append(readTimeout).append('\n');
        }
        Path config = Files.createTempFile("broker-bench-", ".yaml");
        Files.writeString(config, yaml);
        config.toFile().deleteOnExit();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getenv().getOrDefault("BENCH_JVM_FLAGS", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.sessionbroker.SessionBrokerApplication", "--server.address=127.0.0.1",
                "--server.port=" + port, "--logging.level.root=warn",
                "--spring.config.additional-location=file:" + config));
        command.addAll(Arrays.asList(extraArgs));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new BrokerProcess(port, process, started);
    }

    /** Polls until the vendor's session is handed out; the time from process start to that answer. */
    Duration untilFirstSession(String vendor) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("broker exited with " + this.process.exitValue());
            }
            try {
                if (get("/sessions/" + vendor).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - this.startedAtNanos);
                }
            }
            catch (ConnectException ex) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no session from the broker within 2 minutes");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(60));
    }

    /** A line of /proc/{pid}/status, e.g. VmRSS or Threads. */
    String status(String key) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status")).stream()
            .filter((line) -> line.startsWith(key + ":"))
            .map((line) -> line.substring(key.length() + 1).trim())
            .findFirst()
            .orElse("?");
    }

    /** Runs jcmd against the broker and returns its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(this.process.pid())));
        args.addAll(Arrays.asList(command));
        Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
