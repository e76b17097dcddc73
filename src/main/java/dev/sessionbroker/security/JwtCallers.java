package dev.sessionbroker.security;

import com.nimbusds.jose.KeySourceException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Callers proven by a bearer JWT (a pod's projected service-account token, say): Spring
 * Security's decoder checks the signature against the issuer's JWK set, the expiry, the issuer
 * and the audience, as {@code spring.security.oauth2.resourceserver.jwt.*} configures it; the
 * verified subject then names the client ({@code broker.clients.<name>.subject}).
 */
final class JwtCallers {

    private final JwtDecoder decoder;

    private final ClientDirectory clients;

    JwtCallers(JwtDecoder decoder, ClientDirectory clients) {
        this.decoder = decoder;
        this.clients = clients;
    }

    /**
     * Whether a bearer token is worth decoding as a JWT: the JWS compact serialization is three
     * base64url parts joined by exactly two dots (RFC 7515 §7.1). Asked only once the token
     * digest lookup has failed, so an opaque token with two dots in it still works.
     */
    static boolean isJwtShaped(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            }
            else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    Verdict verify(String token) {
        Jwt jwt;
        try {
            jwt = this.decoder.decode(token);
        }
        catch (BadJwtException ex) {
            // Expired, another audience or issuer, a bad signature, an unknown key, malformed.
            return Verdict.refused("invalid-jwt", ex.getMessage());
        }
        catch (JwtException ex) {
            if (ex.getCause() instanceof KeySourceException) {
                // The keys could not be fetched: the caller's token may be fine, so not its failure.
                return Verdict.refused(Verdict.KEYS_UNAVAILABLE, ex.getMessage());
            }
            return Verdict.refused("invalid-jwt", ex.getMessage());
        }
        String subject = jwt.getSubject();
        BrokerClient client = (subject != null) ? this.clients.forSubject(subject) : null;
        if (client == null) {
            return Verdict.refused("unknown-subject", "subject " + subject);
        }
        return new Verdict(client, null, null);
    }

    /**
     * @param client the client, if the token proved one
     * @param failure why not: invalid-jwt, unknown-subject or {@link #KEYS_UNAVAILABLE}
     * @param detail for the audit line only, never the caller's answer
     */
    record Verdict(@Nullable BrokerClient client, @Nullable String failure, @Nullable String detail) {

        static final String KEYS_UNAVAILABLE = "jwt-keys-unavailable";

        static Verdict refused(String failure, @Nullable String detail) {
            return new Verdict(null, failure, detail);
        }
    }
}
