package dev.sessionbroker.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * AlertSite's login API as vendor-docs/alertsite-login.txt shows it, served inside the broker
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
            metadata.put("session", this.sessions.issue(16));
            metadata.put("status", "0");
            metadata.put("message", "No errors.");
        }
        else {
            metadata.put("status", "40");
            metadata.put("message", "Invalid login information.");
        }
        return Map.of("metadata", metadata);
    }
}
