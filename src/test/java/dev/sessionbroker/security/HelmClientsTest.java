package dev.sessionbroker.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's client handling (helm/ci-check.sh renders it; this reads the templates): token
 * digests travel from the Secret as files of the config tree, like the passwords, never
 * through the ConfigMap.
 */
class HelmClientsTest {

    private static final Path TEMPLATES = Path.of("helm/session-broker/templates");

    @Test
    void configMapLeavesTheTokenDigestsOut() throws IOException {
        String configMap = Files.readString(TEMPLATES.resolve("configmap.yaml"));

        assertThat(configMap).contains("omit (default dict $client) \"token-sha256\"").doesNotContain("${");
    }

    @Test
    void deploymentMountsEachTokenDigestAsAConfigTreeFile() throws IOException {
        String deployment = Files.readString(TEMPLATES.resolve("deployment.yaml"));

        // Every client with a digest: all but those proven by a JWT subject alone.
        assertThat(deployment).contains("range $name := splitList \" \" $tokenClients")
            .contains("key: {{ $name }}.token-sha256")
            .contains("path: broker.clients.{{ $name }}.token-sha256");
    }

    @Test
    void chartSecretHoldsTheDigestsGivenInValues() throws IOException {
        String secret = Files.readString(TEMPLATES.resolve("secret.yaml"));

        assertThat(secret).contains("{{ $name }}.token-sha256:").contains("clients.%s.token-sha256 is required");
    }
}
