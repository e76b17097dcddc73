package dev.sessionbroker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The request and answer examples of the vendors' public login documentation (docs/vendors.md names it), kept under test resources. */
public final class DocFixtures {

    private DocFixtures() {
    }

    public static String read(String path) {
        try (InputStream in = DocFixtures.class.getResourceAsStream("/vendor-docs/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture vendor-docs/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
