package dev.sessionbroker.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.StubVendorKeys;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mutual TLS as the alternative to bearer tokens: the broker serves HTTPS from a Spring Boot
 * SSL bundle with {@code server.ssl.client-auth=need}, and a client certificate's subject CN
 * names the client. A CA, the server's and two clients' certificates are made with keytool
 * for this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MutualTlsTest {

    private static final String PASSWORD = "test-store-pw";

    private static final Path DIR = certificates();

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        for (String name : List.of("alertsite", "other")) {
            StubVendorKeys.register(registry, StubVendorKeys.of(name, "alertsite", vendor.baseUrl(), "vendor-pass"));
        }
        String bundle = "spring.ssl.bundle.jks.broker-server.";
        registry.add(bundle + "key.alias", () -> "server");
        registry.add(bundle + "keystore.location", () -> "file:" + DIR.resolve("server.p12"));
        registry.add(bundle + "keystore.password", () -> PASSWORD);
        registry.add(bundle + "keystore.type", () -> "PKCS12");
        registry.add(bundle + "truststore.location", () -> "file:" + DIR.resolve("trust.p12"));
        registry.add(bundle + "truststore.password", () -> PASSWORD);
        registry.add(bundle + "truststore.type", () -> "PKCS12");
        registry.add("server.ssl.bundle", () -> "broker-server");
        registry.add("server.ssl.client-auth", () -> "need");
        // No token: this client proves itself with its certificate only.
        registry.add("broker.clients.billing.vendors", () -> "alertsite");
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void vendorAnswers() {
        vendor.resetAll();
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
    }

    @Test
    void certificateCommonNameIsTheClient(CapturedOutput output) {
        HttpResponse<String> response = get("billing", "/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ef770427109e343e");
        // The audit line is written when the asynchronous answer completes, maybe a moment later.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll())
            .contains("audit event=session.handout client=billing vendor=alertsite outcome=success"));
    }

    @Test
    void certificateClientIsLimitedToItsVendors() {
        HttpResponse<String> response = get("billing", "/sessions/other");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"vendor\":\"other\"");
    }

    @Test
    void trustedCertificateOfNoConfiguredClientIsUnauthenticated() {
        HttpResponse<String> response = get("stranger", "/sessions/alertsite");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> get(String client, String path) {
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(sslContext(client))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
            return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + this.port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static SSLContext sslContext(String client) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(client + ".p12"), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("trust.p12"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** A test CA, the server's certificate (for 127.0.0.1) and two client certificates, all signed by the CA. */
    private static Path certificates() {
        try {
            Path dir = Files.createTempDirectory("broker-mtls");
            dir.toFile().deleteOnExit();
            keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=session-broker-test-ca", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
            keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
            keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12");
            signed(dir, "server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "eku=serverAuth");
            signed(dir, "billing", "CN=billing,OU=payments,O=Example", null, "eku=clientAuth");
            signed(dir, "stranger", "CN=stranger", null, "eku=clientAuth");
            return dir;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void signed(Path dir, String name, String dname, String san, String eku) throws IOException {
        String store = name + ".p12";
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store);
        keytool(dir, "-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                "-infile", name + ".csr", "-outfile", name + ".pem", "-validity", "2", "-ext", eku));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        keytool(dir, sign.toArray(String[]::new));
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", store);
        keytool(dir, "-importcert", "-alias", name, "-file", name + ".pem", "-keystore", store);
    }

    private static void keytool(Path dir, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + out);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
