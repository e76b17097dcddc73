package dev.sessionbroker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.security.Tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;

/**
 * The {@link BrokerFixture} broker with callers configured, as a deployment runs it: no
 * anonymous access, each client with its bearer token and its vendors. Every class extending
 * this one shares a second application context.
 * <ul>
 * <li>{@code billing} and {@code poller}: {@code alertsite};</li>
 * <li>{@code reports} and {@code outsider}: {@code other};</li>
 * <li>{@code ops}: admin, no vendor;</li>
 * <li>{@code payroll}: {@code alertsite}, proven by a JWT with subject {@link #PAYROLL_SUBJECT}
 * (no token), as a pod's projected service-account token: issuer {@link TestJwts#ISSUER},
 * audience {@link TestJwts#AUDIENCE}, keys at {@link #jwks} over HTTPS with a certificate
 * trusted through the SSL bundle {@code jwks-ca} only (as the cluster CA), and wanting the
 * broker's own token, {@link #JWKS_TOKEN}, as the Kubernetes API server does.</li>
 * </ul>
 * Tests that read coalesced audit lines keep to a client of their own, so that lines an
 * earlier test's hand-outs left behind are not counted.
 */
public abstract class BrokerWithClientsFixture extends BrokerFixture {

    public static final String BILLING_TOKEN = "billing-6f1d0c6e4a9b2f7d";

    public static final String POLLER_TOKEN = "poller-5b7d9f1e3a2c4b6d";

    public static final String REPORTS_TOKEN = "reports-0a8b3c2d1e4f5a6b";

    public static final String OUTSIDER_TOKEN = "outsider-8e6c4a2b0d1f3e5a";

    public static final String ADMIN_TOKEN = "admin-9c7e5a3b1d2f4e6a";

    /** May use appviewx, not log in to it with a one-time password. */
    public static final String AVX_READER_TOKEN = "avx-reader-3d5f7b9a1c2e4d6f";

    /** May use appviewx and log in to it with a one-time password (one-time-password: true). */
    public static final String AVX_OPERATOR_TOKEN = "avx-operator-7a9c1e3b5d2f4a6c";

    public static final String PAYROLL_SUBJECT = "system:serviceaccount:payroll:payroll-app";

    public static final String JWKS_PATH = "/openid/v1/jwks";

    /** What the broker sends to fetch the JWK set, read from {@link #JWKS_TOKEN_FILE}. */
    public static final String JWKS_TOKEN = "broker-own-sa-token-1";

    /** The issuer's current signing key, published at {@link #jwks} before each test. */
    public static final RSAKey SIGNING_KEY = TestJwts.newKey();

    /** The key server's certificate, made for this test JVM: a private CA of its own. */
    protected static final TestCertificate JWKS_CERTIFICATE = TestCertificate.selfSigned("localhost");

    /** The issuer's key server; lives as long as the test JVM, like the vendor stub. */
    protected static final WireMockServer jwks = start(new WireMockServer(StrictVendorStub.options()
        .dynamicHttpsPort()
        .keystorePath(JWKS_CERTIFICATE.keystore().toString())
        .keystoreType("PKCS12")
        .keystorePassword(TestCertificate.PASSWORD)
        .keyManagerPassword(TestCertificate.PASSWORD)));

    protected static final Path JWKS_TOKEN_FILE = tempFile();

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        client(registry, "billing", BILLING_TOKEN).add("broker.clients.billing.vendors", () -> "alertsite");
        client(registry, "poller", POLLER_TOKEN).add("broker.clients.poller.vendors", () -> "alertsite");
        client(registry, "reports", REPORTS_TOKEN).add("broker.clients.reports.vendors[0]", () -> "other");
        client(registry, "outsider", OUTSIDER_TOKEN).add("broker.clients.outsider.vendors", () -> "other");
        client(registry, "ops", ADMIN_TOKEN).add("broker.clients.ops.admin", () -> "true");
        client(registry, "avx-reader", AVX_READER_TOKEN).add("broker.clients.avx-reader.vendors", () -> "appviewx");
        client(registry, "avx-operator", AVX_OPERATOR_TOKEN).add("broker.clients.avx-operator.vendors",
                () -> "appviewx");
        registry.add("broker.clients.avx-operator.one-time-password", () -> "true");
        registry.add("broker.clients.payroll.subject", () -> PAYROLL_SUBJECT);
        registry.add("broker.clients.payroll.vendors", () -> "alertsite");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "https://localhost:" + jwks.httpsPort() + JWKS_PATH);
        registry.add("spring.ssl.bundle.pem.jwks-ca.truststore.certificate",
                () -> "file:" + JWKS_CERTIFICATE.pem());
        registry.add("broker.security.jwt.ssl-bundle", () -> "jwks-ca");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestJwts.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestJwts.AUDIENCE);
        registry.add("broker.security.jwt.bearer-token-file", JWKS_TOKEN_FILE::toString);
    }

    @BeforeEach
    void freshKeys() {
        jwks.resetAll();
        writeJwksToken(JWKS_TOKEN);
        publishKeys(JWKS_TOKEN, SIGNING_KEY);
    }

    /** Serves these keys to a caller that sends this bearer token; anyone else gets WireMock's 404. */
    protected static void publishKeys(String brokerToken, RSAKey... keys) {
        jwks.stubFor(get(JWKS_PATH).withHeader("Authorization", equalTo("Bearer " + brokerToken))
            .willReturn(okForContentType("application/jwk-set+json", TestJwts.jwks(keys))));
    }

    protected static void writeJwksToken(String token) {
        try {
            Files.writeString(JWKS_TOKEN_FILE, token + "\n");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static DynamicPropertyRegistry client(DynamicPropertyRegistry registry, String name, String token) {
        registry.add("broker.clients." + name + ".token-sha256", () -> Tokens.sha256Hex(token));
        return registry;
    }

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("jwks-token", ".txt");
            file.toFile().deleteOnExit();
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static WireMockServer start(WireMockServer server) {
        server.start();
        return server;
    }
}
