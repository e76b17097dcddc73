package dev.sessionbroker.adapter.appviewx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * AppViewX service tokens shaped as the "oAuth" page of AppViewX's documentation shows them:
 * a JWT with sub, aud, clientId, iss, exp and "grant type" claims, and the answer envelope
 * of acctmgmt-get-service-token.
 */
final class ServiceTokenFixtures {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ServiceTokenFixtures() {
    }

    static String token(Instant exp) {
        String header = encode("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        String claims = encode("{\"sub\":\"Application_1\",\"aud\":\"avx\",\"clientId\":\"" + UUID.randomUUID()
                + "\",\"iss\":\"avx\",\"exp\":" + exp.getEpochSecond() + ",\"grant type\":\"client_credentials\"}");
        return header + "." + claims + ".EC6my35MCUsMVC0gsylFqWVzqjgs5Js87Owf1esoano";
    }

    /** The documented success answer around a token. */
    static String answer(String token) {
        return "{\"response\":\"" + token + "\",\"message\":null,\"appStatusCode\":null,\"tags\":{},\"headers\":null}";
    }

    /** The documented refusal: HTTP 400 with an appStatusCode and its message. */
    static String refusal(String appStatusCode, String message) {
        return "{\"response\":null,\"message\":\"" + message + "\",\"appStatusCode\":\"" + appStatusCode
                + "\",\"tags\":null,\"headers\":null}";
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
