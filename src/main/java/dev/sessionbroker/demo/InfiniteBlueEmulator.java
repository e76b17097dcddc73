package dev.sessionbroker.demo;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Infinite Blue's REST login and logout as src/test/resources/vendor-docs/infiniteblue/ and the public
 * logout page show them, under the {@code demo} profile. Credentials are read from the
 * headers only; the deprecated URL parameters are ignored, as they should be. XML is the
 * default output, JSON with {@code output=json}.
 */
@RestController
@Profile("demo")
@RequestMapping("/emulator/infiniteblue")
class InfiniteBlueEmulator {

    private final DemoAccount account;

    private final IssuedSessions sessions;

    InfiniteBlueEmulator(DemoAccount account, IssuedSessions sessions) {
        this.account = account;
        this.sessions = sessions;
    }

    @RequestMapping(path = "/login", method = { RequestMethod.POST, RequestMethod.GET })
    ResponseEntity<String> login(@RequestHeader(name = "loginName", required = false) @Nullable String loginName,
            @RequestHeader(name = "password", required = false) @Nullable String password,
            @RequestParam(name = "output", defaultValue = "xml") String output) {
        if (loginName != null && password != null && this.account.matches(loginName, password)) {
            String session = this.sessions.remember(this.sessions.newId(32) + "@5857", loginName);
            return answer(output, "{\"status\":\"ok\", \"sessionId\":\"" + session + "\" }",
                    "<resp status=\"ok\">\n<sessionId>" + session + "</sessionId>\n</resp>");
        }
        return answer(output, "{\"status\":\"fail\", \"message\":\"Invalid login name or password\" }",
                "<resp status=\"fail\">\n<err>Invalid login name or password</err>\n</resp>");
    }

    @RequestMapping(path = "/logout", method = { RequestMethod.POST, RequestMethod.GET })
    ResponseEntity<String> logout(@RequestParam(name = "sessionId", required = false) @Nullable String sessionId,
            @RequestParam(name = "output", defaultValue = "xml") String output) {
        this.sessions.revoke(sessionId);
        return answer(output, "{\"status\":\"ok\"}", "<resp status=\"ok\">\n</resp>");
    }

    /** A protected sample endpoint, for proxy mode: the session goes in the sessionId parameter. */
    @RequestMapping(path = "/sample", method = { RequestMethod.POST, RequestMethod.GET })
    ResponseEntity<String> sample(@RequestParam(name = "sessionId", required = false) @Nullable String sessionId,
            @RequestParam(name = "output", defaultValue = "xml") String output) {
        if (!this.sessions.isLive(sessionId)) {
            return ResponseEntity.status(401).contentType(MediaType.APPLICATION_JSON)
                .body("{\"status\":\"fail\", \"message\":\"Invalid session\" }");
        }
        return answer(output, "{\"status\":\"ok\"}", "<resp status=\"ok\">\n</resp>");
    }

    private static ResponseEntity<String> answer(String output, String json, String xml) {
        if ("json".equals(output)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML)
            .body("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n" + xml);
    }
}
