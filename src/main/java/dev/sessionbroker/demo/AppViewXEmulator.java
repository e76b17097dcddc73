package dev.sessionbroker.demo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * AppViewX's login as src/test/resources/vendor-docs/appviewx/ shows it, under the {@code demo}
 * profile: credentials in headers, ACCT_AUTH_001 (400) when one is missing, ACC_AUTH_022
 * (401) when wrong. The user {@code mfa-}&lt;demo user&gt; has MFA enabled and needs the
 * {@code otp} header {@value #DEMO_OTP}, to try the MFA answer. The service account
 * {@code demo.account.client-id} fetches tokens from acctmgmt-get-service-token.
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

    /**
     * A service account's token (AppViewX, "Retrieve Access Token using get-service-token
     * API"): client ID and secret by Basic authorization or, as 2021.1 sends them, in
     * {@code client_id} and {@code client_secret} headers; {@code grant_type=client_credentials}
     * as a form or, as 2020.3 sends it, in a JSON {@code payload}. The token is a JWT whose
     * {@code exp} is {@code demo.account.token-lifetime} away.
     */
    @PostMapping("/acctmgmt-get-service-token")
    ResponseEntity<Map<String, Object>> serviceToken(@RequestParam("gwsource") String gatewaySource,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestHeader(name = "client_id", required = false) @Nullable String clientIdHeader,
            @RequestHeader(name = "client_secret", required = false) @Nullable String clientSecretHeader,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
            @RequestParam(name = "grant_type", required = false) @Nullable String formGrantType,
            @RequestBody(required = false) @Nullable String body, HttpServletRequest request) {
        String[] client = (authorization != null) ? basic(authorization)
                : (clientIdHeader != null && clientSecretHeader != null)
                        ? new String[] { clientIdHeader, clientSecretHeader } : null;
        // Tomcat reads a form body into the parameters; the grant must come from the body, not the URL.
        boolean inUrl = request.getQueryString() != null && request.getQueryString().contains("grant_type");
        if (client == null || inUrl || !grantsClientCredentials(contentType, formGrantType, body)) {
            return failure(HttpStatus.BAD_REQUEST, "ACCT_SA_001", "Invalid Request::[Invalid client Id or secret]");
        }
        if (!this.account.clientId().equals(client[0])) {
            return failure(HttpStatus.BAD_REQUEST, "ACCT_SA_003",
                    "Service account is invalid/not found::[Service account not found in the database]");
        }
        if (!this.account.matchesClient(client[0], client[1])) {
            return failure(HttpStatus.BAD_REQUEST, "OAUTH_CLNT_015", "Client Password is incorrect::[Invalid Client credential]");
        }
        String token = this.sessions.remember(ServiceTokens.issue(client[0], this.account.tokenLifetime()), client[0]);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("response", token);
        answer.put("message", null);
        answer.put("appStatusCode", null);
        answer.put("tags", Map.of());
        answer.put("headers", null);
        return ResponseEntity.ok(answer);
    }

    private static String @Nullable [] basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return (colon > 0) ? new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) } : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static boolean grantsClientCredentials(@Nullable String contentType, @Nullable String formGrantType,
            @Nullable String body) {
        if (contentType == null) {
            return false;
        }
        if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            return "client_credentials".equalsIgnoreCase(formGrantType);
        }
        String compact = (body != null) ? body.replaceAll("\\s", "") : "";
        return contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)
                && compact.equalsIgnoreCase("{\"payload\":{\"grant_type\":\"client_credentials\"}}");
    }

    /**
     * A protected sample endpoint, for proxy mode: a user's session goes in the sessionId
     * header, a service account's token in the token header.
     */
    @GetMapping("/sample")
    ResponseEntity<Map<String, Object>> sample(
            @RequestHeader(name = "sessionId", required = false) @Nullable String sessionId,
            @RequestHeader(name = "token", required = false) @Nullable String token) {
        if (!this.sessions.isLive(sessionId) && !(this.sessions.isLive(token) && ServiceTokens.isUnexpired(token))) {
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
