package dev.sessionbroker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed server certificate made with the JDK's keytool: a PKCS12 key store for the
 * server and the certificate as PEM for whoever is to trust it (an SSL bundle).
 *
 * @param keystore PKCS12, password {@link #PASSWORD}
 * @param pem the certificate alone
 */
public record TestCertificate(Path keystore, Path pem) {

    public static final String PASSWORD = "changeit";

    /** Valid for 2 days, for {@code host} and 127.0.0.1. */
    public static TestCertificate selfSigned(String host) {
        try {
            Path dir = Files.createTempDirectory("test-certificate");
            dir.toFile().deleteOnExit();
            Path keystore = dir.resolve("server.p12");
            Path pem = dir.resolve("server.pem");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=" + host, "-ext", "SAN=dns:" + host + ",ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass",
                    PASSWORD, "-file", pem.toString());
            keystore.toFile().deleteOnExit();
            pem.toFile().deleteOnExit();
            return new TestCertificate(keystore, pem);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
