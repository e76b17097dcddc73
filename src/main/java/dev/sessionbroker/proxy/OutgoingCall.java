package dev.sessionbroker.proxy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import dev.sessionbroker.adapter.SessionPlacement;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A call to a vendor before its session is injected. Injection returns a new call, so the
 * original can be injected again with a fresh session for the one replay.
 */
record OutgoingCall(HttpMethod method, URI uri, HttpHeaders headers, ProxyBody body) {

    /**
     * This call with the session placed as the vendor wants it (see the README's proxy
     * table), in order: AppViewX, for one, takes its session header and its tenant key.
     */
    OutgoingCall inject(List<SessionPlacement> placements, String sessionId, JsonMapper jsonMapper) {
        OutgoingCall call = this;
        for (SessionPlacement placement : placements) {
            call = call.inject(placement, sessionId, jsonMapper);
        }
        return call;
    }

    private OutgoingCall inject(SessionPlacement placement, String sessionId, JsonMapper jsonMapper) {
        if (placement instanceof SessionPlacement.Header header) {
            return withHeader(header.name(), header.prefix() + sessionId);
        }
        if (placement instanceof SessionPlacement.QueryParameter query) {
            return withQueryParameter(query.name(), sessionId);
        }
        if (placement instanceof SessionPlacement.Cookie cookie) {
            // Added to whatever cookies the caller sent.
            String existing = this.headers.getFirst(HttpHeaders.COOKIE);
            String value = (cookie.name() != null) ? cookie.name() + "=" + sessionId : sessionId;
            return withHeader(HttpHeaders.COOKIE, (existing != null) ? existing + "; " + value : value);
        }
        if (placement instanceof SessionPlacement.JsonBodyFields json) {
            ObjectNode body = jsonBody(jsonMapper);
            json.fixedFields().forEach(body::put);
            body.put(json.sessionField(), sessionId);
            return withHeader("Content-Type", "application/json").withBody(jsonMapper.writeValueAsBytes(body));
        }
        if (placement instanceof SessionPlacement.BasicAuth basic) {
            String credentials = basic.username() + ":" + sessionId;
            return withHeader(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        SessionPlacement.FixedQueryParameter fixed = (SessionPlacement.FixedQueryParameter) placement;
        return withQueryParameter(fixed.name(), fixed.value().reveal());
    }

    /**
     * The caller's body as a JSON object to put fields into, or a new one if it sent none.
     * Needs the body in memory.
     */
    private ObjectNode jsonBody(JsonMapper jsonMapper) {
        if (!this.body.isReplayable()) {
            throw ProxyProblems.unusableBody("the session goes into the JSON body, so the body must fit in "
                    + "broker.proxy.max-replay-body");
        }
        if (this.body.isEmpty()) {
            return jsonMapper.createObjectNode();
        }
        try {
            JsonNode parsed = jsonMapper.readTree(this.body.bytes());
            if (parsed instanceof ObjectNode object) {
                return object;
            }
        }
        catch (JacksonException ex) {
            throw ProxyProblems.unusableBody("the session goes into the JSON body, which is not valid JSON");
        }
        throw ProxyProblems.unusableBody("the session goes into the JSON body, which must be a JSON object");
    }

    /** Replaces a parameter of that name the caller sent. */
    private OutgoingCall withQueryParameter(String name, String value) {
        URI uri = UriComponentsBuilder.fromUri(this.uri)
            .replaceQueryParam(name, UriUtils.encodeQueryParam(value, "UTF-8"))
            .build(true)
            .toUri();
        return new OutgoingCall(this.method, uri, this.headers, this.body);
    }

    private OutgoingCall withHeader(String name, String value) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(this.headers);
        copy.set(name, value);
        return new OutgoingCall(this.method, this.uri, copy, this.body);
    }

    private OutgoingCall withBody(byte[] bytes) {
        return new OutgoingCall(this.method, this.uri, this.headers, ProxyBody.of(bytes));
    }
}
