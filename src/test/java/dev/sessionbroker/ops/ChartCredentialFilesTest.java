package dev.sessionbroker.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.adapter.appviewx.AppViewXOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart hands the broker its passwords (and AppViewX gateway keys and service-account
 * client secrets) as files: the Secret is mounted with one item per vendor at
 * {@code broker.vendors.<name>.password} (a service account's at
 * {@code broker.vendors.<name>.appviewx.client-secret} instead; and
 * {@code broker.vendors.<name>.appviewx.gateway-key}) and imported with Spring's config tree
 * ({@code SPRING_CONFIG_IMPORT}), while the ConfigMap's application.yaml has the vendors
 * without them. This starts the broker on exactly that layout, including
 * the kubelet's {@code ..data} symlinks, with the import and mount path taken from the
 * chart's templates.
 */
class ChartCredentialFilesTest {

    private static final Path TEMPLATES = Path.of("helm/session-broker/templates");

    private static final Pattern CREDENTIALS_PATH = Pattern
        .compile("define \"session-broker.credentialsPath\" -}}\\s*(\\S+)\\s*\\{\\{- end }}");

    private static final Pattern CONFIG_IMPORT = Pattern
        .compile("- name: SPRING_CONFIG_IMPORT\\s+value: \"(.+)\"$", Pattern.MULTILINE);

    @TempDir
    Path root;

    @Test
    void passwordsMountedAsTheChartDoesReachTheBroker() throws IOException {
        String mountPath = match(CREDENTIALS_PATH, TEMPLATES.resolve("_helpers.tpl"));
        String configImport = match(CONFIG_IMPORT, TEMPLATES.resolve("deployment.yaml"))
            .replace("{{ include \"session-broker.credentialsPath\" . }}", mountPath);
        assertThat(configImport).isEqualTo("optional:configtree:/run/secrets/session-broker/");
        assertThat(Files.readString(TEMPLATES.resolve("deployment.yaml")))
            .contains("path: broker.vendors.{{ $name }}.password")
            .contains("path: spring.data.redis.password")
            .contains("path: broker.vendors.{{ . }}.appviewx.gateway-key")
            .contains("path: broker.vendors.{{ $name }}.appviewx.client-secret")
            .doesNotContain("BROKER_VENDORS_");

        // What the kubelet writes for a projected Secret volume: a timestamped directory,
        // a ..data symlink to it, and one symlink per item through ..data.
        Path secrets = Files.createDirectories(this.root.resolve(mountPath.substring(1)));
        Path payload = Files.createDirectories(secrets.resolve("..2026_01_01_12_00_00.000000001"));
        Files.writeString(payload.resolve("broker.vendors.alertsite-eu.password"), "eu-secret-1\n");
        Files.writeString(payload.resolve("broker.vendors.appviewx.password"), "avx-secret-2");
        Files.writeString(payload.resolve("broker.vendors.appviewx.appviewx.gateway-key"), "tenant-7\n");
        // An AppViewX service account: the client secret, and no password file at all.
        Files.writeString(payload.resolve("broker.vendors.appviewx-sa.appviewx.client-secret"), "sa-secret-4\n");
        Files.writeString(payload.resolve("spring.data.redis.password"), "redis-secret-3\n");
        Files.createSymbolicLink(secrets.resolve("..data"), payload.getFileName());
        try (var files = Files.list(payload)) {
            for (Path file : files.toList()) {
                Files.createSymbolicLink(secrets.resolve(file.getFileName()),
                        Path.of("..data").resolve(file.getFileName()));
            }
        }
        // The ConfigMap's application.yaml: vendors without passwords, gateway keys and client secrets.
        Path config = Files.writeString(this.root.resolve("application.yaml"), """
                broker:
                  vendors:
                    alertsite-eu:
                      type: alertsite
                      username: ops-eu@example.com
                    appviewx:
                      type: appviewx
                      base-url: https://appviewx.internal.example.com/avxapi
                      username: broker
                    appviewx-sa:
                      type: appviewx
                      base-url: https://appviewx.internal.example.com/avxapi
                      appviewx:
                        client-id: 521c3ad2-ea4e-447b-a51b-9621bb7ea126
                """);

        String importHere = configImport.replace(mountPath, secrets.toString());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionBrokerApplication.class)
            .web(WebApplicationType.NONE)
            .run("--spring.config.additional-location=optional:file:" + config,
                    "--spring.config.import=" + importHere)) {
            Vendors vendors = context.getBean(Vendors.class);

            assertThat(vendors.find("alertsite-eu").password().reveal()).isEqualTo("eu-secret-1");
            assertThat(vendors.find("alertsite-eu").username()).isEqualTo("ops-eu@example.com");
            assertThat(vendors.find("appviewx").password().reveal()).isEqualTo("avx-secret-2");
            assertThat(vendors.find("appviewx").options(AppViewXOptions.class).gatewayKey().reveal()).isEqualTo("tenant-7");
            AppViewXOptions serviceAccount = vendors.find("appviewx-sa").options(AppViewXOptions.class);
            assertThat(serviceAccount.clientId()).isEqualTo("521c3ad2-ea4e-447b-a51b-9621bb7ea126");
            assertThat(serviceAccount.clientSecret().reveal()).isEqualTo("sa-secret-4");
            assertThat(vendors.find("appviewx-sa").credentials().password()).isNull();
            assertThat(context.getEnvironment().getProperty("spring.data.redis.password"))
                .isEqualTo("redis-secret-3");
            // The kubelet's bookkeeping entries are not taken for properties.
            assertThat(context.getEnvironment().getProperty("..data")).isNull();
        }
    }

    private static String match(Pattern pattern, Path file) throws IOException {
        Matcher matcher = pattern.matcher(Files.readString(file));
        assertThat(matcher.find()).as(pattern + " in " + file).isTrue();
        return matcher.group(1);
    }
}
