package dev.sessionbroker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One broker replica as production runs it: the packaged jar in a JVM of its own, so that
 * SIGTERM runs Spring's real graceful shutdown and kill -9 leaves nothing behind but what it
 * wrote to Redis. Started at once and awaited separately, so that several replicas start side
 * by side: starting a JVM is most of the time these tests take.
 */
public final class BrokerProcess implements AutoCloseable {

    /**
     * Startup options only: C1 and the serial collector start a JVM sooner on a 2-core machine
     * shared with other builds; nothing the broker does depends on them.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx256m");

    private final String name;

    private final int port;

    private final Path log;

    private final Process process;

    private BrokerProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts a replica and returns without waiting for it; {@code properties} are command-line
     * properties without the leading dashes.
     */
    public static BrokerProcess start(String name, Path directory, List<String> properties) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar().toString());
        command.add("--server.port=" + port);
        command.add("--spring.application.name=" + name);
        properties.forEach((property) -> command.add("--" + property));
        Path log = directory.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            return new BrokerProcess(name, port, log, process);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Waits until the replica is ready for traffic. */
    public BrokerProcess awaitReady() {
        BrokerHttp http = http();
        try {
            await(this.name + " ready").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                .failFast(this.name + " exited", () -> !this.process.isAlive())
                .ignoreExceptions()
                .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
        }
        catch (RuntimeException ex) {
            throw new AssertionError(this.name + " did not become ready; its log:\n" + log(), ex);
        }
        return this;
    }

    public String name() {
        return this.name;
    }

    public BrokerHttp http() {
        return new BrokerHttp(this.port);
    }

    public long pid() {
        return this.process.pid();
    }

    /** SIGTERM, as Kubernetes stops a pod: Spring's graceful shutdown runs. Waits for the exit. */
    public int stop() {
        this.process.destroy();
        try {
            assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as(this.name + " stopped after SIGTERM").isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return this.process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no logout, no lock released. Waits for the exit. */
    public void kill() {
        this.process.destroyForcibly();
        try {
            this.process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** How many live threads of the JVM have a name starting with {@code prefix} (jcmd Thread.print). */
    public long threadsNamed(String prefix) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                .redirectErrorStream(true)
                .start();
            String output = new String(dump.getInputStream().readAllBytes());
            assertThat(dump.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dump.exitValue()).as(output).isZero();
            return output.lines().filter((line) -> line.startsWith("\"" + prefix)).count();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Everything the replica wrote to stdout and stderr so far. */
    public String log() {
        try {
            return Files.readString(this.log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        if (this.process.isAlive()) {
            kill();
        }
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("session-broker-.*\\.jar"))
                .toList();
            assertThat(jars).as("the packaged jar in target/").hasSize(1);
            return jars.get(0).toAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
