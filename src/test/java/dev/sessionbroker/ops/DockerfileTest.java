package dev.sessionbroker.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the image is built from, checked without a Docker engine: pinned base images of the
 * Java version the tests run on, and a jar whose bytes do not depend on the build time.
 * {@link ContainerLaunchIT} starts the layers the Dockerfile copies.
 */
class DockerfileTest {

    private static final Pattern FROM = Pattern.compile("^# (\\S+)\\n^FROM (\\S+)", Pattern.MULTILINE);

    private static final Pattern PINNED = Pattern.compile("eclipse-temurin@sha256:[0-9a-f]{64}");

    private static final Pattern TAG = Pattern.compile("eclipse-temurin:(\\d+)-(jdk|jre)-noble");

    @Test
    void everyBaseImageIsPinnedByDigestWithItsTagInAComment() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        List<String> tags = new ArrayList<>();
        Matcher from = FROM.matcher(dockerfile);
        while (from.find()) {
            assertThat(from.group(2)).as("FROM under # " + from.group(1)).matches(PINNED);
            tags.add(from.group(1));
        }

        assertThat(tags).containsExactly("eclipse-temurin:25-jdk-noble", "eclipse-temurin:25-jre-noble");
        assertThat(dockerfile.lines().filter((line) -> line.startsWith("FROM "))).hasSize(2);
    }

    @Test
    void imageBuildsAndRunsOnTheJavaVersionTheTestsRunOn() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher tag = TAG.matcher(dockerfile);
        List<String> versions = new ArrayList<>();
        while (tag.find()) {
            versions.add(tag.group(1));
        }

        String tested = Integer.toString(Runtime.version().feature());
        assertThat(versions).containsOnly(tested);
        assertThat(pom).contains("<java.version>" + tested + "</java.version>");
    }
}
