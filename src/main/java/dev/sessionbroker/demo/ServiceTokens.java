package dev.sessionbroker.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The demo AppViewX's service tokens: JWTs with the claims of AppViewX's "oAuth" page
 * ({@code sub}, {@code aud}, {@code clientId}, {@code iss}, {@code exp}, {@code grant type}),
 * signed HS256 with a key that lives as long as the process.
 */
final class ServiceTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static final byte[] KEY = seed();

    private ServiceTokens() {
    }

    private static byte[] seed() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static String issue(String clientId, Duration lifetime) {
        long exp = Instant.now().plus(lifetime).getEpochSecond();
        String header = encode("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        String claims = encode("{\"sub\":\"demo-service-account\",\"aud\":\"avx\",\"clientId\":\"" + clientId
                + "\",\"iss\":\"avx\",\"exp\":" + exp + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"grant type\":\"client_credentials\"}");
        return header + "." + claims + "." + sign(header + "." + claims);
    }

    /** Whether a token's exp is still ahead; the demo refuses expired tokens like AppViewX. */
    static boolean isUnexpired(@Nullable String token) {
        if (token == null) {
            return false;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        int at = claims.indexOf("\"exp\":");
        if (at < 0) {
            return false;
        }
        String digits = claims.substring(at + 6).replaceAll("[^0-9].*", "");
        return !digits.isEmpty() && Long.parseLong(digits) > Instant.now().getEpochSecond();
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
        }
    }
}
