package dev.sessionbroker.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * JWTs as a Kubernetes API server issues projected service-account tokens: RS256, a key id,
 * the cluster's issuer, an audience and a subject {@code system:serviceaccount:<ns>:<sa>}.
 * Keys are made here, in the test; nothing is read from disk.
 */
public final class TestJwts {

    public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

    public static final String AUDIENCE = "session-broker";

    private TestJwts() {
    }

    /** A fresh RSA signing key with a random key id. */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The JWK set document of these keys: public halves only, as a key server serves it. */
    public static String jwks(RSAKey... keys) {
        return new JWKSet(List.<JWK>of(keys)).toString();
    }

    /** Claims of a token valid for the next ten minutes (the JWT validator reads the system clock). */
    public static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    public static String sign(RSAKey key, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
