package dev.sessionbroker.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * AppViewX's login as src/test/resources/vendor-docs/appviewx/ shows it, under the {@code demo}
 * profile: credentials in headers, ACCT_AUTH_001 (400) when one is missing, ACC_AUTH_022
 * (401) when wrong. The user {@code mfa-}&lt;demo user&gt; has MFA enabled and needs the
 * {@code otp} header {@value #DEMO_OTP}, to try the MFA answer.
 */
@RestController
@Profile("demo")
@RequestMapping(path = "/emulator/appviewx/avxapi", produces = MediaType.APPLICATION_JSON_VALUE)
class AppViewXEmulator {

    static final String DEMO_OTP = "609700";

    private final DemoAccount account;

    private final IssuedSessions sessions;

    AppViewXEmulator(DemoAccount account, IssuedSessions sessions) {
        this.account = account;
        this.sessions = sessions;
    }

    @PostMapping("/login")
    ResponseEntity<Map<String, Object>> login(@RequestParam("gwsource") String gatewaySource,
            @RequestHeader(name = "username", required = false) @Nullable String username,
            @RequestHeader(name = "password", required = false) @Nullable String password,
            @RequestHeader(name = "otp", required = false) @Nullable String otp) {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            return failure(HttpStatus.BAD_REQUEST, "ACCT_AUTH_001", "Username or password cannot be null or empty.");
        }
        boolean mfaUser = username.equals("mfa-" + this.account.username());
        String user = mfaUser ? this.account.username() : username;
        if (!this.account.matches(user, password)) {
            return failure(HttpStatus.UNAUTHORIZED, "ACC_AUTH_022", "Login failed. Invalid credentials.");
        }
        if (mfaUser && !DEMO_OTP.equals(otp)) {
            return failure(HttpStatus.UNAUTHORIZED, null,
                    "MFA is enabled. We have sent an OTP to your email ID: dem********@example.com");
        }
        return ResponseEntity.ok(success(this.sessions.remember("avx~~" + UUID.randomUUID(), user)));
    }

    /** A protected sample endpoint, for proxy mode: the session goes in the sessionId header. */
    @GetMapping("/sample")
    ResponseEntity<Map<String, Object>> sample(
            @RequestHeader(name = "sessionId", required = false) @Nullable String sessionId) {
        if (!this.sessions.isLive(sessionId)) {
            return failure(HttpStatus.UNAUTHORIZED, null, "Session is invalid or expired.");
        }
        return ResponseEntity.ok(envelope(Map.of("status", "SUCCESS"), "Sample", null));
    }

    /** The doc's sample response, field for field. */
    private static Map<String, Object> success(String sessionId) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "SUCCESS");
        response.put("appStatusCode", null);
        response.put("statusDescription", null);
        response.put("sessionId", sessionId);
        response.put("authCode", null);
        response.put("lockDownPeriod", 15);
        response.put("emailId", null);
        response.put("termsAccepted", true);
        response.put("passwordExpiryMsg", "");
        return envelope(response, "Login successful.", null);
    }

    private static ResponseEntity<Map<String, Object>> failure(HttpStatus status, @Nullable String appStatusCode,
            String message) {
        return ResponseEntity.status(status).body(envelope(null, message, appStatusCode));
    }

    private static Map<String, Object> envelope(@Nullable Map<String, Object> response, String message,
            @Nullable String appStatusCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response", response);
        body.put("message", message);
        body.put("appStatusCode", appStatusCode);
        body.put("tags", null);
        body.put("headers", null);
        return body;
    }
}
