package dev.sessionbroker.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Where a vendor expects its session, as the broker says in each answer: the same rules its
 * proxy applies, so that the caller carries no vendor knowledge.
 *
 * @param in {@code header}, {@code query}, {@code cookie}, {@code body} (a field of the JSON
 * request body) or {@code basic} (HTTP Basic with the session as password)
 * @param name the header, parameter, cookie or body field; none for a cookie whose session
 * already is a {@code name=value} pair
 * @param prefix put before the session in a header, e.g. {@code "Bearer "}
 * @param username the HTTP Basic user name
 * @param fields body fields set beside the session (Revulytics' {@code user})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Placement(String in, @Nullable String name, @Nullable String prefix, @Nullable String username,
        @Nullable Map<String, String> fields) {

    /** A request and its body with the session placed; the original request is left as it was. */
    public record Placed(HttpRequest request, byte[] body) {
    }

    /**
     * The request with the session placed, replacing a value of the same name the caller set.
     *
     * @throws IllegalArgumentException where the session goes into a JSON body and the caller's
     * body is not a JSON object, or the placement is one this version does not know
     */
    public Placed place(HttpRequest request, byte[] body, String sessionId, JsonMapper json) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        URI uri = request.getURI();
        byte[] placedBody = body;
        switch (this.in) {
            case "header" -> headers.set(required(this.name), ((this.prefix != null) ? this.prefix : "") + sessionId);
            case "query" -> uri = UriComponentsBuilder.fromUri(uri)
                .replaceQueryParam(required(this.name), UriUtils.encodeQueryParam(sessionId, StandardCharsets.UTF_8))
                .build(true)
                .toUri();
            case "cookie" -> {
                String cookie = (this.name != null) ? this.name + "=" + sessionId : sessionId;
                String existing = headers.getFirst(HttpHeaders.COOKIE);
                headers.set(HttpHeaders.COOKIE, (existing != null) ? existing + "; " + cookie : cookie);
            }
            case "body" -> {
                placedBody = jsonBody(body, sessionId, json);
                headers.setContentType(MediaType.APPLICATION_JSON);
                headers.setContentLength(placedBody.length);
            }
            case "basic" -> headers.setBasicAuth(
                    HttpHeaders.encodeBasicAuth(required(this.username), sessionId, StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("Unknown session placement '" + this.in
                    + "': this client is older than the broker");
        }
        URI placedUri = uri;
        HttpRequest placed = new HttpRequestWrapper(request) {

            @Override
            public URI getURI() {
                return placedUri;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
        return new Placed(placed, placedBody);
    }

    private byte[] jsonBody(byte[] body, String sessionId, JsonMapper json) {
        ObjectNode object;
        if (body.length == 0) {
            object = json.createObjectNode();
        }
        else {
            try {
                JsonNode parsed = json.readTree(body);
                if (!(parsed instanceof ObjectNode node)) {
                    throw new IllegalArgumentException("The session goes into the JSON body, which must be a JSON object");
                }
                object = node;
            }
            catch (JacksonException ex) {
                throw new IllegalArgumentException("The session goes into the JSON body, which is not valid JSON");
            }
        }
        if (this.fields != null) {
            this.fields.forEach(object::put);
        }
        object.put(required(this.name), sessionId);
        return json.writeValueAsBytes(object);
    }

    private String required(@Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException("Session placement '" + this.in + "' without its name");
        }
        return value;
    }
}
