package dev.sessionbroker.demo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * AlertSite's login API as src/test/resources/vendor-docs/alertsite/ shows it, served inside the broker
 * under the {@code demo} profile so that it can be tried without an account. A wrong
 * password gets AlertSite's 200 answer with status 40, as the real service does.
 */
@RestController
@Profile("demo")
@RequestMapping("/emulator/alertsite")
class AlertSiteEmulator {

    private final DemoAccount account;

    private final IssuedSessions sessions;

    AlertSiteEmulator(DemoAccount account, IssuedSessions sessions) {
        this.account = account;
        this.sessions = sessions;
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> login(@RequestBody Map<String, Object> body) {
        String login = String.valueOf(body.get("login"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("login", login);
        if (this.account.matches(login, String.valueOf(body.get("password")))) {
            metadata.put("session", this.sessions.issue(16, login));
            metadata.put("status", "0");
            metadata.put("message", "No errors.");
        }
        else {
            metadata.put("status", "40");
            metadata.put("message", "Invalid login information.");
        }
        return Map.of("metadata", metadata);
    }

    /**
     * A protected sample endpoint, for proxy mode: HTTP Basic with the AlertSite login as user
     * name and the session ID as password, as AlertSite's API expects.
     */
    @GetMapping(path = "/sample", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> sample(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        String session = null;
        if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            session = decoded.substring(decoded.indexOf(':') + 1);
        }
        return this.sessions.isLive(session) ? ResponseEntity.ok(Map.of("metadata", Map.of("status", "0")))
                : ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }
}
