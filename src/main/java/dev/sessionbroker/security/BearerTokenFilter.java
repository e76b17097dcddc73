package dev.sessionbroker.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}: one SHA-256, one map lookup and a
 * constant-time compare ({@link ClientDirectory}), nothing else on the session hot path. A
 * token that matches no client is answered 401 and counted against the caller's address; once
 * that address has failed too often its failing attempts are answered 429. A valid token is
 * never throttled, so a guesser cannot lock out the client it shares an address with.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ClientDirectory clients;

    private final AuthFailureThrottle throttle;

    private final AuthMetrics metrics;

    private final SecurityProblems problems;

    private final SecurityContextRepository contexts;

    private final AuditLog log;

    BearerTokenFilter(ClientDirectory clients, AuthFailureThrottle throttle, AuthMetrics metrics,
            SecurityProblems problems, SecurityContextRepository contexts, AuditLog log) {
        this.log = log;
        this.clients = clients;
        this.throttle = throttle;
        this.metrics = metrics;
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
        BrokerClient client = this.clients.authenticate(header.substring(BEARER.length()).trim());
        if (client == null) {
            refuse(request, response);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ClientAuthentication(client));
        SecurityContextHolder.setContext(context);
        // Kept as a request attribute (no HTTP session) for the async dispatch of the answer.
        this.contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The peer, or the client a trusted proxy names (TrustedProxies); never a header an
        // untrusted caller chose.
        String address = request.getRemoteAddr();
        String remote = LogValues.safe(address);
        Duration wait = this.throttle.waitFor(address);
        if (wait != null) {
            this.metrics.failed("throttled");
            this.log.refused(new AuditLog.Refusal("auth.throttled", remote));
            this.problems.throttled(request, response, wait);
            return;
        }
        this.throttle.recordFailure(address);
        this.metrics.failed("invalid-token");
        this.log.write((audit) -> audit.atWarn()
            .addKeyValue("event.action", "auth.failure")
            .addKeyValue("client.address", remote)
            .addKeyValue("event.reason", "invalid-token")
            .log("audit event=auth.failure remote={} reason=invalid-token", remote));
        this.problems.invalidToken(request, response);
    }
}
