package dev.sessionbroker.ops;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import dev.sessionbroker.support.BrokerHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as the Dockerfile uses it, without a Docker engine: its Spring Boot
 * layers are the ones the Dockerfile copies, in the same order, and the extracted layers
 * start with the Dockerfile's own ENTRYPOINT. Runs after {@code package} (failsafe). Each
 * test starts a broker JVM of its own in a directory of its own, so they run side by side:
 * most of each is waiting for a JVM to start.
 */
@Execution(ExecutionMode.CONCURRENT)
class ContainerLaunchIT {

    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT (\\[.*])$", Pattern.MULTILINE);

    private static final Pattern LAYER_COPY = Pattern.compile("^COPY --from=build /build/extracted/([a-z-]+)/",
            Pattern.MULTILINE);

    private static final Pattern CHART_COMMAND = Pattern.compile("^ +command:\n((?: +- .*\n)+)", Pattern.MULTILINE);

    @TempDir
    static Path shared;

    private static @Nullable Path image;

    @TempDir
    Path work;

    @Test
    void jarLayersAreTheOnesTheDockerfileCopiesInOrder() throws Exception {
        List<String> layers = run(List.of(java(), "-Djarmode=tools", "-jar", jar().toString(), "list-layers"));

        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
                "application");
        assertThat(dockerfileLayerCopies()).containsExactlyElementsOf(layers);
    }

    /**
     * One set of JVM flags for every way the broker is started: the Dockerfile's ENTRYPOINT,
     * bin/aot-cache.sh (its training run and the benchmarks) and the chart's argument file
     * with its default heap share.
     */
    @Test
    void entrypointScriptAndChartStartTheJvmWithTheSameFlags() throws Exception {
        Matcher script = Pattern.compile("^IMAGE_JVM_FLAGS=\"([^\"]*)\"$", Pattern.MULTILINE)
            .matcher(Files.readString(Path.of("bin", "aot-cache.sh")));
        assertThat(script.find()).isTrue();
        List<String> flags = List.of(script.group(1).split(" "));
        List<String> entrypoint = entrypoint();

        assertThat(entrypoint.subList(1, entrypoint.indexOf("-XX:AOTCache=app.aot"))).isEqualTo(flags);
        String configMap = Files.readString(Path.of("helm", "session-broker", "templates", "configmap.yaml"));
        List<String> chart = configMap.substring(configMap.indexOf("jvm.options: |"))
            .lines()
            .skip(1)
            .map(String::trim)
            .takeWhile((line) -> line.startsWith("-"))
            .map((line) -> line.replace("{{ .Values.jvm.maxRAMPercentage }}", "50"))
            .toList();
        assertThat(chart).isEqualTo(flags);
    }

    /**
     * A reproducible jar: every entry carries project.build.outputTimestamp, the time of the
     * commit built (git.commit.time), instead of the build's clock, so the same commit gives
     * the same bytes and the same image layers.
     */
    @Test
    void jarEntriesCarryTheCommitTime() throws Exception {
        Set<Instant> times = new HashSet<>();
        Properties git = new Properties();
        try (ZipFile jar = new ZipFile(jar().toFile())) {
            jar.stream().forEach((entry) -> times.add(entry.getLastModifiedTime().toInstant()));
            try (InputStream in = jar.getInputStream(jar.getEntry("BOOT-INF/classes/git.properties"))) {
                git.load(in);
            }
        }
        Instant outputTimestamp = Instant.parse(git.getProperty("git.commit.time"));
        // A zip entry's DOS time has a resolution of 2 s: an odd-second commit time is rounded
        // down in entries without an extended timestamp, so at most two neighbouring times.
        Instant first = Collections.min(times);
        assertThat(Duration.between(first, Collections.max(times))).isLessThanOrEqualTo(Duration.ofSeconds(2));
        // Zip entries keep local time; whatever the build machine's zone, it is that day.
        assertThat(Duration.between(outputTimestamp, first).abs()).isLessThan(Duration.ofDays(1));
    }

    /**
     * The image's training run made an AOT cache that its ENTRYPOINT can use: with
     * {@code -XX:AOTMode=on} the JVM refuses to start instead of starting without it (a cache
     * made from other files, by another JVM, or none at all).
     */
    @Test
    void extractedLayersStartWithTheDockerfileEntrypointFromTheTrainedAotCache() throws Exception {
        int port = freePort();

        String log = runBroker(port, Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on"), (http) -> {
            assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        });

        assertThat(log).contains("Started SessionBrokerApplication");
    }

    /**
     * Structured logging is switched by configuration alone, as the Helm chart does, and
     * the JVM is started as the chart starts it (its options in an argument file): every
     * line of the run, stderr included, is one JSON document, and audit and login events
     * carry their fields in ECS's shapes. Checked in its own JVM: Logback is initialised
     * once per JVM, so a Spring test context could not switch it reliably.
     */
    @Test
    void ecsLogsAreJsonLinesWithAuditAndLoginFields() throws Exception {
        List<JsonNode> lines = jsonLines(runLikeTheChart("ecs"));

        JsonNode login = only(lines, "login");
        assertThat(login.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(login.at("/service/name").asString()).isEqualTo("session-broker");
        assertThat(login.at("/message").asString()).startsWith("login vendor=alertsite outcome=success");
        assertLoginFields(login);
        JsonNode handout = only(lines, "session.handout");
        assertAuditFields(handout);
        // The examples in the docs are this output: the same fields in the same places.
        assertThat(fieldPaths(documented("docs/security.md", "session.handout"))).isEqualTo(fieldPaths(handout));
        assertThat(fieldPaths(documented("docs/operations.md", "login vendor="))).isEqualTo(fieldPaths(login));
    }

    /** The JSON line of a ```json block in a doc whose message contains {@code marker}. */
    private static JsonNode documented(String doc, String marker) throws IOException {
        String line = Files.readString(Path.of(doc)).lines()
            .filter((candidate) -> candidate.startsWith("{\"@timestamp\"") && candidate.contains(marker))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ECS example with " + marker + " in " + doc));
        return JsonMapper.builder().build().readTree(line);
    }

    /** The dotted paths of a document's leaves (an empty object counts as one). */
    private static Set<String> fieldPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collectPaths(node, "", paths);
        return paths;
    }

    private static void collectPaths(JsonNode node, String prefix, Set<String> paths) {
        if (!node.isObject() || node.isEmpty()) {
            paths.add(prefix);
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            collectPaths(entry.getValue(), prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), paths);
        }
    }

    @Test
    void logstashLogsAreJsonLinesWithAuditAndLoginFields() throws Exception {
        List<JsonNode> lines = jsonLines(runLikeTheChart("logstash"));

        JsonNode login = only(lines, "login");
        assertThat(login.at("/level").asString()).isEqualTo("INFO");
        assertLoginFields(login);
        assertAuditFields(only(lines, "session.handout"));
    }

    private String runLikeTheChart(String format) throws Exception {
        return runBroker(freePort(), Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", format), true, (http) -> {
            assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        });
    }

    private static void assertLoginFields(JsonNode login) {
        assertThat(field(login, "broker.vendor").asString()).isEqualTo("alertsite");
        assertThat(field(login, "broker.outcome").asString()).isEqualTo("success");
        assertThat(field(login, "broker.attempt").asInt()).isEqualTo(1);
        assertThat(field(login, "broker.session").asString()).startsWith("sha256:");
        assertThat(field(login, "event.duration").isNumber()).isTrue();
        // ECS's event and client are objects: never a plain string at the top level.
        assertThat(login.path("event").isObject() || login.path("event").isMissingNode()).isTrue();
    }

    private static void assertAuditFields(JsonNode audit) {
        assertThat(field(audit, "broker.vendor").asString()).isEqualTo("alertsite");
        assertThat(field(audit, "broker.client").asString()).isNotBlank();
        assertThat(field(audit, "broker.outcome").asString()).isEqualTo("success");
        assertThat(field(audit, "http.response.status_code").asInt()).isEqualTo(200);
        assertThat(field(audit, "broker.session").asString()).startsWith("sha256:");
        assertThat(audit.path("event").isString()).isFalse();
        assertThat(audit.path("client").isString()).isFalse();
    }

    /** Every line of the run parsed as JSON; fails on the first line that is not. */
    private static List<JsonNode> jsonLines(String log) {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> documents = new ArrayList<>();
        for (String line : log.lines().filter((line) -> !line.isBlank()).toList()) {
            try {
                documents.add(json.readTree(line));
            }
            catch (RuntimeException ex) {
                throw new AssertionError("not a JSON line: " + line, ex);
            }
        }
        assertThat(documents).hasSizeGreaterThan(5);
        return documents;
    }

    /** The one line whose event.action is {@code action}. */
    private static JsonNode only(List<JsonNode> lines, String action) {
        List<JsonNode> matching = lines.stream()
            .filter((line) -> action.equals(field(line, "event.action").asString(null)))
            .toList();
        assertThat(matching).as("lines with event.action=" + action).hasSize(1);
        return matching.get(0);
    }

    /** A dotted field, nested as ECS writes it ({"event":{"action":…}}) or flat as Logstash does. */
    private static JsonNode field(JsonNode document, String name) {
        JsonNode nested = document.at("/" + name.replace('.', '/'));
        return nested.isMissingNode() ? document.path(name) : nested;
    }

    private String runBroker(int port, Map<String, String> env, Consumer<BrokerHttp> whileReady) throws Exception {
        return runBroker(port, env, false, whileReady);
    }

    /**
     * Starts the extracted layers with the demo vendors, by the Dockerfile's ENTRYPOINT or,
     * {@code likeTheChart}, with the chart's command: {@code java @<argument file>} and the
     * ENTRYPOINT's main class. Returns stdout and stderr.
     */
    private String runBroker(int port, Map<String, String> env, boolean likeTheChart, Consumer<BrokerHttp> whileReady)
            throws Exception {
        Path app = extractAndTrainLikeTheImage();
        List<String> command = likeTheChart ? chartCommand() : entrypoint();
        command.set(0, java());
        Path log = this.work.resolve("broker.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        // The image listens on 0.0.0.0; a test on a shared machine stays on loopback.
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SPRING_PROFILES_ACTIVE", "demo");
        builder.environment().putAll(env);
        Process broker = builder.start();
        try {
            BrokerHttp http = new BrokerHttp(port);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
            whileReady.accept(http);
        }
        finally {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
        return Files.readString(log);
    }

    /**
     * The image's files, made once for the class: the Dockerfile's build stage (bin/aot-cache.sh
     * extract --layers), its COPY steps in their order into one folder, then its training run
     * (bin/aot-cache.sh train) there. Brokers only read it, so the tests share it.
     */
    private static synchronized Path extractAndTrainLikeTheImage() throws Exception {
        if (image != null) {
            return image;
        }
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("bin/aot-cache.sh extract --layers ")
            .contains("\nRUN aot-cache.sh train /app\n");
        Path extracted = shared.resolve("extracted");
        script(List.of("extract", "--layers", jar().toString(), extracted.toString()));
        Path app = Files.createDirectories(shared.resolve("app"));
        for (String layer : dockerfileLayerCopies()) {
            Path source = extracted.resolve(layer);
            if (Files.isDirectory(source)) {
                FileSystemUtils.copyRecursively(source, app);
            }
        }
        script(List.of("train", app.toString()));
        assertThat(app.resolve("app.aot")).isNotEmptyFile();
        image = app;
        return app;
    }

    /** bin/aot-cache.sh with this JVM's JDK (JAVA_HOME), as the image's JDK runs it. */
    private static void script(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("bin", "aot-cache.sh").toString()));
        command.addAll(arguments);
        File output = shared.resolve("script.out").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(output.toPath())).isZero();
    }

    /**
     * The chart's container command (templates/deployment.yaml), its argument file replaced by
     * one with the options the chart's defaults write.
     */
    private List<String> chartCommand() throws IOException {
        Path options = Files.writeString(this.work.resolve("jvm.options"),
                "-XX:MaxRAMPercentage=50\n-XX:+UseSerialGC\n-Xms64m\n-XX:+ExitOnOutOfMemoryError\n-Xss1m\n");
        Matcher matcher = CHART_COMMAND.matcher(
                Files.readString(Path.of("helm", "session-broker", "templates", "deployment.yaml")));
        assertThat(matcher.find()).as("command: in the chart's deployment").isTrue();
        List<String> command = new ArrayList<>();
        for (String line : matcher.group(1).lines().toList()) {
            String argument = line.trim().substring(2).replace("\"", "");
            command.add(argument.equals("@/config/jvm.options") ? "@" + options : argument);
        }
        assertThat(command).first().isEqualTo("java");
        return command;
    }

    private static List<String> entrypoint() throws IOException {
        Matcher matcher = ENTRYPOINT.matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(matcher.find()).as("Dockerfile ENTRYPOINT in exec form").isTrue();
        List<String> command = JsonMapper.builder().build().readValue(matcher.group(1), new TypeReference<>() {
        });
        assertThat(command).first().isEqualTo("java");
        return new ArrayList<>(command);
    }

    private static List<String> dockerfileLayerCopies() throws IOException {
        Matcher matcher = LAYER_COPY.matcher(Files.readString(Path.of("Dockerfile")));
        List<String> layers = new ArrayList<>();
        while (matcher.find()) {
            layers.add(matcher.group(1));
        }
        return layers;
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("session-broker-.*\\.jar"))
                .toList();
            assertThat(jars).as("the packaged jar in target/").hasSize(1);
            return jars.get(0).toAbsolutePath();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private List<String> run(List<String> command) throws Exception {
        File output = this.work.resolve("command.out").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(output.toPath()).stream().map(String::trim)
            .filter((line) -> !line.isEmpty())
            .toList();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
