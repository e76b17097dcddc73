package dev.sessionbroker.adapter.appviewx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code exp} claim of a service account's token, a JWT ("The client application can
 * decode this JWT token to get all the claims including the expiry time of that token inside
 * the exp claim", AppViewX, "oAuth"). The signature is AppViewX's to check, not the broker's:
 * the claim only tells when to fetch the next token.
 */
final class ServiceToken {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServiceToken() {
    }

    /** The token's expiry, or null where it is not a JWT with a numeric {@code exp}. */
    static @Nullable Instant expiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode exp = (claims != null) ? claims.path("exp") : null;
            return (exp != null && exp.isNumber()) ? Instant.ofEpochSecond(exp.asLong()) : null;
        }
        catch (IllegalArgumentException | JacksonException ex) {
            return null;
        }
    }
}
