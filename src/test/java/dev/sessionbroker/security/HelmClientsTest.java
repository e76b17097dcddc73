package dev.sessionbroker.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the chart's client handling without a Helm binary: token digests
 * travel Secret → environment variable → placeholder, never through the ConfigMap.
 */
class HelmClientsTest {

    private static final Path TEMPLATES = Path.of("helm/session-broker/templates");

    @Test
    void configMapCarriesOnlyAPlaceholderForEachTokenDigest() throws IOException {
        String configMap = Files.readString(TEMPLATES.resolve("configmap.yaml"));

        assertThat(configMap).contains("omit (default dict $client) \"token-sha256\"")
            .contains("(printf \"${%s}\" (include \"session-broker.tokenEnv\" $name))");
    }

    @Test
    void deploymentReadsEachTokenDigestFromTheSecret() throws IOException {
        String deployment = Files.readString(TEMPLATES.resolve("deployment.yaml"));

        assertThat(deployment).contains("range $name, $_ := .Values.clients")
            .contains("include \"session-broker.tokenEnv\" $name")
            .contains("key: {{ $name }}.token-sha256");
    }

    @Test
    void chartSecretHoldsTheDigestsGivenInValues() throws IOException {
        String secret = Files.readString(TEMPLATES.resolve("secret.yaml"));

        assertThat(secret).contains("{{ $name }}.token-sha256:").contains("clients.%s.token-sha256 is required");
    }
}
