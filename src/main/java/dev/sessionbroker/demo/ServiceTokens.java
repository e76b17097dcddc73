package dev.sessionbroker.demo;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * The demo AppViewX's service tokens: JWTs with the claims of AppViewX's "oAuth" page
 * ({@code sub}, {@code aud}, {@code clientId}, {@code iss}, {@code exp}, {@code grant type}),
 * signed HS256 with a key that lives as long as the process.
 */
final class ServiceTokens {

    private static final MACSigner SIGNER = signer();

    private ServiceTokens() {
    }

    static String issue(String clientId, Duration lifetime) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("demo-service-account")
            .audience("avx")
            .issuer("avx")
            .claim("clientId", clientId)
            .claim("grant type", "client_credentials")
            .jwtID(UUID.randomUUID().toString())
            .expirationTime(Date.from(Instant.now().plus(lifetime)))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(SIGNER);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("HS256 with a 256-bit key always signs", ex);
        }
        return jwt.serialize();
    }

    /** Whether a token's exp is still ahead; the demo refuses expired tokens like AppViewX. */
    static boolean isUnexpired(@Nullable String token) {
        if (token == null) {
            return false;
        }
        try {
            Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return exp != null && exp.toInstant().isAfter(Instant.now());
        }
        catch (ParseException ex) {
            return false;
        }
    }

    private static MACSigner signer() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            return new MACSigner(key);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("a 256-bit key is long enough for HS256", ex);
        }
    }
}
