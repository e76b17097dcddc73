package dev.sessionbroker.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revulytics' {@code /auth/login} and {@code /auth/logout} as src/test/resources/vendor-docs/revulytics/
 * and the public logout page show them, under the {@code demo} profile: 400 SYNTAX ERROR for
 * a malformed request, 403 AUTH ERROR for wrong credentials, the session in the body or, with
 * {@code useCookies}, in a cookie.
 */
@RestController
@Profile("demo")
@RequestMapping(path = "/emulator/revulytics/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class RevulyticsEmulator {

    private final DemoAccount account;

    private final IssuedSessions sessions;

    private final JsonMapper json = JsonMapper.builder().build();

    RevulyticsEmulator(DemoAccount account, IssuedSessions sessions) {
        this.account = account;
        this.sessions = sessions;
    }

    @PostMapping("/login")
    ResponseEntity<Map<String, Object>> login(@RequestBody(required = false) @Nullable String body) {
        JsonNode request = parse(body);
        if (request == null || !request.path("user").isString() || !request.path("password").isString()) {
            return error(HttpStatus.BAD_REQUEST, "SYNTAX ERROR", "Malformed request: user and password are required");
        }
        if (!this.account.matches(request.path("user").asString(), request.path("password").asString())) {
            return error(HttpStatus.FORBIDDEN, "AUTH ERROR", "Invalid username or password");
        }
        String session = this.sessions.issue(22, request.path("user").asString());
        if (request.path("useCookies").asBoolean(false)) {
            return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, "sessionId=" + session + "; Path=/; HttpOnly")
                .body(Map.of("status", "OK"));
        }
        return ResponseEntity.ok(Map.of("status", "OK", "sessionId", session));
    }

    @PostMapping("/logout")
    ResponseEntity<Map<String, Object>> logout(@RequestBody(required = false) @Nullable String body,
            @CookieValue(name = "sessionId", required = false) @Nullable String cookie) {
        JsonNode request = parse(body);
        this.sessions.revoke((request != null) ? request.path("sessionId").asString(null) : cookie);
        return ResponseEntity.ok(Map.of("status", "OK"));
    }

    /**
     * A protected sample endpoint, for proxy mode. As every Revulytics API request, the JSON
     * body carries {@code user} and {@code sessionId}, and the session must be that user's;
     * with cookies, the session cookie alone. Without a session, 401 as the docs say.
     */
    @PostMapping("/sample")
    ResponseEntity<Map<String, Object>> sample(@RequestBody(required = false) @Nullable String body,
            @CookieValue(name = "sessionId", required = false) @Nullable String cookie) {
        JsonNode request = parse(body);
        if (request == null || !request.has("sessionId")) {
            return this.sessions.isLive(cookie) ? ResponseEntity.ok(Map.of("status", "OK"))
                    : error(HttpStatus.UNAUTHORIZED, "AUTH ERROR", "Not authenticated");
        }
        String session = request.path("sessionId").asString(null);
        if (!this.sessions.isLive(session)) {
            return error(HttpStatus.UNAUTHORIZED, "AUTH ERROR", "Not authenticated");
        }
        if (!request.path("user").isString()) {
            return error(HttpStatus.BAD_REQUEST, "SYNTAX ERROR", "Malformed request: user and sessionId are required");
        }
        return this.sessions.isLiveFor(session, request.path("user").asString()) ? ResponseEntity.ok(Map.of("status", "OK"))
                : error(HttpStatus.FORBIDDEN, "AUTH ERROR", "Session does not belong to this user");
    }

    private @Nullable JsonNode parse(@Nullable String body) {
        try {
            JsonNode node = (body != null) ? this.json.readTree(body) : null;
            return (node != null && node.isObject()) ? node : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", code);
        body.put("reason", reason);
        return ResponseEntity.status(status).body(body);
    }
}
