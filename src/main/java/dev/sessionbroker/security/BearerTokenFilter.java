package dev.sessionbroker.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}: one SHA-256, one map lookup and a
 * constant-time compare ({@link ClientDirectory}), nothing else on the session hot path. With
 * JWT callers on, a token whose digest matches no client and that has a JWT's shape is then
 * checked as a JWT ({@link JwtCallers}). A token that proves no client (wrong token, invalid
 * JWT, unknown subject alike) is answered 401 and counted against the caller's address; once
 * that address has failed too often its failing attempts are answered 429. A valid token is
 * never throttled, so a guesser cannot lock out the client it shares an address with. Each
 * refusal is published as Spring Security's authentication failure event, with
 * {@link RefusedCredentials} saying where from and why: the audit and {@link AuthMetrics}
 * listen there.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ClientDirectory clients;

    private final AuthFailureThrottle throttle;

    private final SecurityProblems problems;

    private final SecurityContextRepository contexts;

    private final AuthenticationEventPublisher events;

    private final @Nullable JwtCallers jwts;

    /** @param jwts null unless JWT callers are configured */
    BearerTokenFilter(ClientDirectory clients, @Nullable JwtCallers jwts, AuthFailureThrottle throttle,
            SecurityProblems problems, SecurityContextRepository contexts,
            AuthenticationEventPublisher events) {
        this.events = events;
        this.jwts = jwts;
        this.clients = clients;
        this.throttle = throttle;
        this.problems = problems;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // RFC 6750 §2.1 and RFC 9110 §11.1: the scheme is case-insensitive.
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        // Verified first, whatever the address did before: a valid token is always served.
        String token = header.substring(BEARER.length()).trim();
        BrokerClient client = this.clients.authenticate(token);
        if (client == null && this.jwts != null && JwtCallers.isJwtShaped(token)) {
            JwtCallers.Verdict verdict = this.jwts.verify(token);
            client = verdict.client();
            if (JwtCallers.Verdict.KEYS_UNAVAILABLE.equals(verdict.failure())) {
                keysUnavailable(request, response, verdict.detail());
                return;
            }
            if (client == null) {
                refuse(request, response, (verdict.failure() != null) ? verdict.failure() : "invalid-jwt",
                        verdict.detail());
                return;
            }
        }
        if (client == null) {
            refuse(request, response, "invalid-token", null);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ClientAuthentication(client));
        SecurityContextHolder.setContext(context);
        // Kept as a request attribute (no HTTP session) for the async dispatch of the answer.
        this.contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    /**
     * @param reason invalid-token, invalid-jwt or unknown-subject: the audit line and metric
     * tell them apart, the caller's answer does not
     * @param detail why a JWT was refused, for the audit line
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String reason,
            @Nullable String detail) throws IOException {
        // The peer, or the client a trusted proxy names (TrustedProxies); never a header an
        // untrusted caller chose.
        String address = request.getRemoteAddr();
        String remote = LogValues.safe(address);
        Duration wait = this.throttle.waitFor(address);
        if (wait != null) {
            this.events.publishAuthenticationFailure(new LockedException("backing off"), new RefusedCredentials(
                    AuditAction.AUTH_THROTTLED, remote, "throttled", null, SecurityProblems.vendorTag(request)));
            this.problems.throttled(request, response, wait);
            return;
        }
        this.throttle.recordFailure(address);
        this.events.publishAuthenticationFailure(new BadCredentialsException(reason),
                new RefusedCredentials(AuditAction.AUTH_FAILURE, remote, reason,
                        (detail != null) ? LogValues.safe(detail) : null, SecurityProblems.vendorTag(request)));
        this.problems.invalidToken(request, response);
    }

    /** The issuer's keys could not be fetched: nothing the caller did, so not counted against it. */
    private void keysUnavailable(HttpServletRequest request, HttpServletResponse response, @Nullable String detail)
            throws IOException {
        this.events.publishAuthenticationFailure(new AuthenticationServiceException(JwtCallers.Verdict.KEYS_UNAVAILABLE),
                new RefusedCredentials(AuditAction.AUTH_FAILURE, LogValues.safe(request.getRemoteAddr()),
                        JwtCallers.Verdict.KEYS_UNAVAILABLE, LogValues.safe(detail), SecurityProblems.vendorTag(request)));
        this.problems.keysUnavailable(request, response);
    }
}
