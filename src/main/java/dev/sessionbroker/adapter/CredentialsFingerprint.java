package dev.sessionbroker.adapter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;

/**
 * PBKDF2 (HMAC-SHA-256) of an account's credentials, salted with the login name, 64 bits
 * long. Identical credentials give identical fingerprints on every replica; the iterations
 * make guessing a password from one as slow as from a stored password hash.
 */
final class CredentialsFingerprint {

    private static final int ITERATIONS = 20_000;

    private CredentialsFingerprint() {
    }

    /**
     * @param typeCredentials the credentials in the type's own block (AppViewX's gateway key):
     * with none, or the gateway key alone, the same fingerprint as earlier versions, so that
     * replicas of both share cool-downs during a rolling upgrade
     */
    static String of(String username, @Nullable Secret password, List<String> typeCredentials) {
        String secret = ((password != null) ? password.reveal() : "") + '\u0000' + String.join("\u0000", typeCredentials);
        byte[] salt = ("session-broker/credentials/" + username).getBytes(StandardCharsets.UTF_8);
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, 64);
        try {
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
                .getEncoded());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", ex);
        }
        finally {
            spec.clearPassword();
        }
    }
}
