package dev.sessionbroker.adapter.appviewx;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

/**
 * The {@code exp} claim of a service account's token, a JWT ("The client application can
 * decode this JWT token to get all the claims including the expiry time of that token inside
 * the exp claim", AppViewX, "oAuth"), read with Nimbus JOSE + JWT, which the broker has for its
 * JWT callers. The signature is AppViewX's to check, not the broker's: the claim only tells
 * when to fetch the next token.
 */
final class ServiceToken {

    private ServiceToken() {
    }

    /** The token's expiry, or null where it is not a JWT with an {@code exp}. */
    static @Nullable Instant expiry(String token) {
        try {
            Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return (exp != null) ? exp.toInstant() : null;
        }
        catch (ParseException ex) {
            return null;
        }
    }
}
