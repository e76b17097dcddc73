package dev.sessionbroker.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.sessionbroker.adapter.Vendors;

/**
 * Answers refusals that happen in the security filters, before any controller, by handing
 * them to Spring MVC's exception resolvers: the application's one
 * {@code @RestControllerAdvice} turns them into problem details like every other failure.
 * A request without credentials is published as an authentication failure event, which the
 * audit and {@code broker.auth.denials} hear.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final List<PathPatternRequestMatcher> VENDOR_ROUTES = Stream
        .of("/sessions/{vendor}", "/sessions/{vendor}/refresh", "/proxy/{vendor}", "/proxy/{vendor}/**")
        .map(PathPatternRequestMatcher.withDefaults()::matcher)
        .toList();

    private final HandlerExceptionResolver resolver;

    private final AuthenticationEventPublisher events;

    SecurityProblems(HandlerExceptionResolver resolver, AuthenticationEventPublisher events) {
        this.resolver = resolver;
        this.events = events;
    }

    /**
     * No credentials (or an unknown certificate CN) on a request that needs them. Audited
     * as one coalesced line per address and interval, with a count, whatever the endpoint:
     * anyone can send these as fast as they like.
     */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        this.events.publishAuthenticationFailure(ex, new RefusedCredentials(AuditAction.AUTH_MISSING,
                LogValues.safe(request.getRemoteAddr()), null, null, vendorTag(request)));
        resolve(request, response, CallerRefused.unauthenticated(false));
    }

    /** A bearer token that matches no client. */
    void invalidToken(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        resolve(request, response, CallerRefused.unauthenticated(true));
    }

    /** A JWT that cannot be checked now because the issuer's keys could not be fetched. */
    void keysUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        resolve(request, response, CallerRefused.keysUnavailable());
    }

    /** A token sent while its address is backing off after failed authentications. */
    void throttled(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        resolve(request, response, CallerRefused.throttled(wait));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        String client = Callers.name(SecurityContextHolder.getContext().getAuthentication());
        String vendor = (ex instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof VendorAccess.VendorDecision decision) ? decision.vendor()
                        : null;
        // The decoded path segment is named back only if it is a well-formed vendor name: the
        // answer never echoes arbitrary caller input.
        String named = (vendor != null && Vendors.isValidName(vendor)) ? vendor : null;
        String message;
        if (named != null) {
            message = "Client '" + client + "' may not use vendor '" + named + "'.";
        }
        else if (vendor != null) {
            message = "Client '" + client + "' may not use this vendor.";
        }
        else {
            message = "Client '" + client + "' may not use this endpoint; it is for admin clients.";
        }
        resolve(request, response, CallerRefused.notAllowed(named, message));
    }

    /** Spring Security's firewall refused the request line (encoded slashes, "..", NUL, ...). */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
            throws IOException {
        resolve(request, response, ex);
    }

    /**
     * For the metric tag only: the vendor as routing decodes it, by the routes' own patterns;
     * {@link AuthMetrics} keeps configured names only.
     */
    static String vendorTag(HttpServletRequest request) {
        for (PathPatternRequestMatcher route : VENDOR_ROUTES) {
            String vendor = route.matcher(request).getVariables().get("vendor");
            if (vendor != null) {
                return vendor;
            }
        }
        return AuthMetrics.NO_VENDOR;
    }

    private void resolve(HttpServletRequest request, HttpServletResponse response, RuntimeException problem)
            throws IOException {
        if (this.resolver.resolveException(request, response, null, problem) == null) {
            // Only if the advice were missing: still refuse, never let the request through.
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
