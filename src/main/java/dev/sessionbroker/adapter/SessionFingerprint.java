package dev.sessionbroker.adapter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A short, non-reversible name for a session ID, so that logs and listings can tell two
 * sessions apart without revealing either.
 */
public final class SessionFingerprint {

    /**
     * The same few sessions are fingerprinted on every hand-out (audit) and every log line:
     * remember them rather than hash again. Bounded, and holds nothing the session cache
     * does not hold already.
     */
    private static final Cache<String, String> KNOWN = Caffeine.newBuilder().maximumSize(10_000).build();

    private SessionFingerprint() {
    }

    public static String of(String sessionId) {
        return KNOWN.get(sessionId, SessionFingerprint::compute);
    }

    private static String compute(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JVM has SHA-256", ex);
        }
    }
}
