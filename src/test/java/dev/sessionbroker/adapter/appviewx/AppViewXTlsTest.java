package dev.sessionbroker.adapter.appviewx;

import java.util.Map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.LoginFailure;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static dev.sessionbroker.support.TestVendors.client;
import static dev.sessionbroker.support.TestVendors.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On-prem AppViewX behind a private CA: a self-signed certificate made for this test is
 * trusted through the vendor's {@code ssl-bundle} and nowhere else.
 */
class AppViewXTlsTest {

    @TempDir
    static Path dir;

    private static WireMockServer appViewX;

    private static String certificatePem;

    @BeforeAll
    static void startVendorWithSelfSignedCertificate() throws Exception {
        Path keystore = dir.resolve("appviewx.p12");
        keytool("-genkeypair", "-alias", "appviewx", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        Path pem = dir.resolve("appviewx-ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "appviewx", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        certificatePem = Files.readString(pem);
        appViewX = new WireMockServer(StrictVendorStub.options().dynamicHttpsPort()
            .keystorePath(keystore.toString()).keystoreType("PKCS12").keystorePassword("changeit")
            .keyManagerPassword("changeit"));
        appViewX.start();
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(okJson(read("appviewx/login-success.json"))));
    }

    @AfterAll
    static void stopVendor() {
        appViewX.stop();
    }

    @Test
    void trustsThePrivateCaOfItsSslBundle() {
        SslBundle bundle = SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(certificatePem)));

        String session = client(vendor("appviewx-ca"), new DefaultSslBundleRegistry("appviewx-ca", bundle))
            .login().sessionId();

        assertThat(session).isEqualTo("avx~~c73a4f56-f4ab-4cdf-aadf-6d90bf406077");
    }

    @Test
    void aReloadedBundleIsUsedFromTheNextLoginOn() throws Exception {
        // At first the bundle holds some other CA, as before a rotation reached the broker.
        Path otherKeystore = dir.resolve("other.p12");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=other", "-storetype", "PKCS12", "-keystore", otherKeystore.toString(), "-storepass",
                "changeit", "-keypass", "changeit");
        Path otherPem = dir.resolve("other.pem");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", otherKeystore.toString(), "-storepass",
                "changeit", "-file", otherPem.toString());
        DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry("appviewx-ca", SslBundle
            .of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(Files.readString(otherPem)))));
        var client = client(vendor("appviewx-ca"), bundles);
        assertThatExceptionOfType(LoginFailure.Transient.class).isThrownBy(client::login);

        // What Spring Boot does when a bundle with reload-on-update changes on disk.
        bundles.updateBundle("appviewx-ca",
                SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(certificatePem))));

        assertThat(client.login().sessionId()).isEqualTo("avx~~c73a4f56-f4ab-4cdf-aadf-6d90bf406077");
    }

    @Test
    void withoutTheBundleTheCertificateIsNotTrusted() {
        assertThatExceptionOfType(LoginFailure.Transient.class).isThrownBy(() -> client(vendor(Map.of())).login())
            .withMessageContaining("could not reach vendor");
    }

    @Test
    void unknownBundleNameFailsNamingVendorAndKey() {
        assertThatExceptionOfType(InvalidVendorConfigurationException.class)
            .isThrownBy(() -> client(vendor("missing")))
            .withMessageContaining("Vendor 'appviewx'")
            .withMessageContaining("broker.vendors.appviewx.ssl-bundle");
    }

    private static VendorSettings vendor(String sslBundle) {
        return vendor(Map.of("ssl-bundle", sslBundle));
    }

    private static VendorSettings vendor(Map<String, String> more) {
        return settings("appviewx", new AppViewXVendor(), "https://localhost:" + appViewX.httpsPort() + "/avxapi", "admin",
                "Password@123", more);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
