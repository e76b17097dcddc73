package dev.sessionbroker.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * What can be checked of helm/session-broker without a Helm binary: plain YAML parses, every
 * value a template reads is declared and documented in values.yaml, the sample values only
 * set declared keys, and the chart deploys the project's version. Rendering, {@code helm lint}
 * and the Kubernetes schemas are checked by {@code helm/ci-check.sh} with real Helm binaries,
 * which {@code .ci/run} runs before the Maven build; {@link ChartCredentialFilesTest} starts
 * the broker on the chart's credential files.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/session-broker");

    private static final Pattern VALUE_REFERENCE = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9]*):");

    @Test
    void everyPlainYamlFileParses() throws IOException {
        List<Path> files = plainYamlFiles();

        assertThat(files).extracting(Path::toString)
            .contains(CHART.resolve("Chart.yaml").toString(), CHART.resolve("values.yaml").toString());
        for (Path file : files) {
            List<Object> documents = new ArrayList<>();
            new Yaml().loadAll(Files.readString(file)).forEach(documents::add);
            assertThat(documents).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void everyValueTheTemplatesReadIsDeclaredInValuesYaml() throws IOException {
        Map<String, Object> values = load(CHART.resolve("values.yaml"));

        Set<String> missing = new LinkedHashSet<>();
        for (String reference : valueReferences()) {
            if (!isDeclared(values, reference.substring(1).split("\\."))) {
                missing.add(reference);
            }
        }
        assertThat(missing).as("referenced by templates but not in values.yaml").isEmpty();
    }

    @Test
    void everyTopLevelValueIsDocumentedByAComment() throws IOException {
        List<String> lines = Files.readAllLines(CHART.resolve("values.yaml"));

        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = TOP_LEVEL_KEY.matcher(lines.get(i));
            if (key.find() && !isCommented(lines, i) && !childrenCommented(lines, i)) {
                undocumented.add(key.group(1));
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void sampleValuesSetOnlyDeclaredKeys() throws IOException {
        Map<String, Object> values = load(CHART.resolve("values.yaml"));
        List<Path> samples = sampleValues();
        assertThat(samples).extracting((file) -> file.getFileName().toString())
            .contains("example-values.yaml", "redis-values.yaml");

        for (Path sample : samples) {
            List<String> unknown = new ArrayList<>();
            collectUnknown(values, load(sample), "", unknown);
            assertThat(unknown).as(sample.toString()).isEmpty();
        }
    }

    @Test
    void redisSampleScalesWithAutoscaling() throws IOException {
        Map<String, Object> redis = load(CHART.resolve("ci/redis-values.yaml"));

        assertThat(redis).extractingByKey("redis").asInstanceOf(MAP).containsEntry("enabled", true);
        assertThat(redis).extractingByKey("autoscaling").asInstanceOf(MAP).containsEntry("enabled", true);
    }

    @Test
    void passwordsAreNeverEnvironmentVariables() throws IOException {
        String deployment = Files.readString(CHART.resolve("templates/deployment.yaml"));

        assertThat(deployment).doesNotContain("secretKeyRef").doesNotContain("_PASSWORD");
        assertThat(deployment).contains("- name: SPRING_CONFIG_IMPORT")
            .contains("optional:configtree:")
            .contains("path: broker.vendors.{{ $name }}.password")
            .contains("defaultMode: 288");
        assertThat(Files.readString(CHART.resolve("templates/configmap.yaml"))).doesNotContain("${");
    }

    /**
     * values.schema.json is what rejects a wrong type at install time; a value it does not
     * declare would be refused too (additionalProperties: false), so it must know them all.
     */
    @Test
    void schemaDeclaresEveryValueOfValuesYaml() throws IOException {
        Map<String, Object> values = load(CHART.resolve("values.yaml"));
        JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(CHART.resolve("values.schema.json")));

        List<String> undeclared = new ArrayList<>();
        collectUndeclared(values, schema, "", undeclared);
        assertThat(undeclared).isEmpty();
        assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/logFormat/enum")).extracting(JsonNode::asString)
            .containsExactly("", "ecs", "logstash", "gelf");
    }

    /**
     * The chart replaces the image's ENTRYPOINT to add its argument file: the rest of the
     * command must stay the image's, and no JVM flag may travel in the environment (the JVM
     * would print "Picked up ..." to stderr, a line that is not JSON).
     */
    @Test
    void chartStartsTheImageMainClassWithAnArgumentFileNotAnEnvironmentVariable() throws IOException {
        String deployment = Files.readString(CHART.resolve("templates/deployment.yaml"));
        Matcher entrypoint = Pattern.compile("^ENTRYPOINT \\[.*\"([^\"]+)\"]$", Pattern.MULTILINE)
            .matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(entrypoint.find()).isTrue();

        assertThat(deployment).containsSubsequence("command:", "- java", "- \"@/config/jvm.options\"",
                "- " + entrypoint.group(1));
        assertThat(deployment).doesNotContain("JAVA_TOOL_OPTIONS").doesNotContain("JDK_JAVA_OPTIONS");
        assertThat(Files.readString(CHART.resolve("templates/configmap.yaml"))).contains("jvm.options: |")
            .contains("-XX:MaxRAMPercentage={{ .Values.jvm.maxRAMPercentage }}");
    }

    @Test
    void ciRunsTheChartChecksBeforeTheMavenBuild() throws IOException {
        List<String> commands = Files.readAllLines(Path.of(".ci/run")).stream()
            .filter((line) -> !line.isBlank() && !line.startsWith("#"))
            .toList();

        assertThat(commands).containsSubsequence("bash helm/ci-check.sh", readmeTestCommand());
        assertThat(readmeTestCommand()).isEqualTo("./mvnw -B verify && ./mvnw -B -f client/pom.xml verify");
        assertThat(Path.of("helm/ci-check.sh")).isRegularFile();
    }

    /** The one command README's "The two commands" gives for the whole test suite. */
    private static String readmeTestCommand() throws IOException {
        Matcher command = Pattern.compile("Run the whole test suite.*?```sh\n([^\n]+)\n```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("README.md")));
        assertThat(command.find()).isTrue();
        return command.group(1);
    }

    @Test
    void chartAppVersionIsTheProjectVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(version.find()).isTrue();

        assertThat(load(CHART.resolve("Chart.yaml"))).containsEntry("appVersion", version.group(1));
    }

    private static List<Path> plainYamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("helm"))) {
            return files.filter((file) -> file.toString().endsWith(".yaml"))
                .filter((file) -> !file.toString().contains("/templates/"))
                .sorted()
                .toList();
        }
    }

    private static List<Path> sampleValues() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            return files.filter((file) -> file.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
        }
    }

    private static Set<String> valueReferences() throws IOException {
        Set<String> references = new LinkedHashSet<>();
        try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
            for (Path template : templates.sorted().toList()) {
                Matcher matcher = VALUE_REFERENCE.matcher(Files.readString(template));
                while (matcher.find()) {
                    references.add(matcher.group(1));
                }
            }
        }
        assertThat(references).isNotEmpty();
        return references;
    }

    @SuppressWarnings("unchecked")
    private static boolean isDeclared(Map<String, Object> values, String[] path) {
        Object node = values;
        for (String key : path) {
            if (!(node instanceof Map) || !((Map<String, Object>) node).containsKey(key)) {
                return false;
            }
            node = ((Map<String, Object>) node).get(key);
        }
        return true;
    }

    /** Recurses only into non-empty maps of values.yaml: an empty map or a list is free-form. */
    @SuppressWarnings("unchecked")
    private static void collectUnknown(Map<String, Object> declared, Map<String, Object> given, String prefix,
            List<String> unknown) {
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            String path = prefix + entry.getKey();
            if (!declared.containsKey(entry.getKey())) {
                unknown.add(path);
                continue;
            }
            Object defaults = declared.get(entry.getKey());
            if (defaults instanceof Map && !((Map<?, ?>) defaults).isEmpty() && entry.getValue() instanceof Map) {
                collectUnknown((Map<String, Object>) defaults, (Map<String, Object>) entry.getValue(), path + ".",
                        unknown);
            }
        }
    }

    /** Walks the maps of values.yaml that the schema describes property by property. */
    @SuppressWarnings("unchecked")
    private static void collectUndeclared(Map<String, Object> values, JsonNode schema, String prefix,
            List<String> undeclared) {
        JsonNode properties = schema.get("properties");
        if (properties == null) {
            return;
        }
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            JsonNode declared = properties.get(entry.getKey());
            if (declared == null) {
                undeclared.add(prefix + entry.getKey());
            }
            else if (entry.getValue() instanceof Map<?, ?> map) {
                collectUndeclared((Map<String, Object>) map, declared, prefix + entry.getKey() + ".", undeclared);
            }
        }
    }

    private static boolean isCommented(List<String> lines, int index) {
        return index > 0 && lines.get(index - 1).trim().startsWith("#");
    }

    /** A section such as {@code image:} is documented when each of its direct keys is. */
    private static boolean childrenCommented(List<String> lines, int index) {
        boolean anyChild = false;
        for (int i = index + 1; i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith(" ")); i++) {
            String line = lines.get(i);
            if (line.startsWith("  ") && !line.startsWith("   ") && !line.trim().startsWith("#")
                    && !line.trim().startsWith("-")) {
                anyChild = true;
                if (!isCommented(lines, i)) {
                    return false;
                }
            }
        }
        return anyChild;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }
}
