package dev.sessionbroker.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.sessionbroker.broker.OneTimePasswordNotSupportedException;
import dev.sessionbroker.broker.UnknownVendorException;
import dev.sessionbroker.broker.VendorCoolingDownException;
import dev.sessionbroker.proxy.ProxyBodyException;
import dev.sessionbroker.proxy.ProxyNotConfiguredException;
import dev.sessionbroker.proxy.ProxySaturatedException;
import dev.sessionbroker.proxy.ProxyVendorException;
import dev.sessionbroker.proxy.UnsafeProxyPathException;
import dev.sessionbroker.store.SharedStoreUnavailableException;
import dev.sessionbroker.security.AuthenticationRequiredException;
import dev.sessionbroker.security.AuthenticationThrottledException;
import dev.sessionbroker.security.ClientForbiddenException;
import dev.sessionbroker.vendor.LoginFailure;

/**
 * The one place where failures become HTTP answers: RFC 9457 problem details with the
 * vendor and, where it sent one, the vendor's own status and message. Spring MVC's own
 * errors (400, 405, 406, 415) come through {@link ResponseEntityExceptionHandler} in the
 * same format.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final String TYPE_BASE = "urn:session-broker:problem:";

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownVendor(UnknownVendorException ex) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-vendor", "Unknown vendor", ex.getMessage());
        problem.setProperty("vendor", ex.vendor());
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> loginFailed(LoginFailure failure) {
        ProblemDetail problem = switch (failure.kind()) {
            case "rejected" -> problem(HttpStatus.BAD_GATEWAY, "login-rejected", "Vendor rejected the login",
                    failure.getMessage());
            case "timeout" -> problem(HttpStatus.GATEWAY_TIMEOUT, "vendor-timeout", "Vendor did not answer in time",
                    failure.getMessage());
            case "transient" -> problem(HttpStatus.BAD_GATEWAY, "vendor-unavailable", "Vendor unavailable",
                    failure.getMessage());
            default -> problem(HttpStatus.BAD_GATEWAY, "unusable-answer", "Vendor answer not understood",
                    failure.getMessage());
        };
        problem.setProperty("vendor", failure.vendor());
        if (failure instanceof LoginFailure.Rejected rejected) {
            problem.setProperty("vendorStatus", rejected.vendorStatus());
            if (rejected.vendorMessage() != null) {
                problem.setProperty("vendorMessage", rejected.vendorMessage());
            }
        }
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> coolingDown(VendorCoolingDownException ex) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "vendor-cooling-down",
                "Vendor in cool-down after a rejected login", ex.getMessage());
        problem.setProperty("vendor", ex.vendor());
        problem.setProperty("coolDownUntil", ex.until());
        problem.setProperty("vendorStatus", ex.rejection().vendorStatus());
        if (ex.rejection().vendorMessage() != null) {
            problem.setProperty("vendorMessage", ex.rejection().vendorMessage());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
            .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException ex) {
        return ResponseEntity.of(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
                ex.getMessage())).build();
    }

    /**
     * Jackson's own messages quote the offending input, which may be anything a caller sent:
     * say what was wrong without echoing it.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        String detail = (cause instanceof IllegalArgumentException) ? "Invalid request body: " + cause.getMessage()
                : "The request body is not valid JSON of the expected shape.";
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-body", "Invalid request body", detail);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-vendor-name", "Invalid vendor name",
                "A vendor name is 1 to 63 lower-case letters, digits or '-'.");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsafeProxyPath(UnsafeProxyPathException ex) {
        return ResponseEntity.of(problem(HttpStatus.BAD_REQUEST, "unsafe-proxy-path", "Path not allowed",
                ex.getMessage())).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxyBody(ProxyBodyException ex) {
        return ResponseEntity.of(problem(HttpStatus.BAD_REQUEST, "invalid-proxy-body", "Request body not usable",
                ex.getMessage())).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxyNotConfigured(ProxyNotConfiguredException ex) {
        ProblemDetail problem = problem(HttpStatus.NOT_IMPLEMENTED, "proxy-not-configured",
                "Vendor cannot be proxied", ex.getMessage());
        problem.setProperty("vendor", ex.vendor());
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxySaturated(ProxySaturatedException ex) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "proxy-saturated",
                "Too many proxied calls in flight", ex.getMessage());
        problem.setProperty("vendor", ex.vendor());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxyVendor(ProxyVendorException ex) {
        ProblemDetail problem = ex.isTimeout()
                ? problem(HttpStatus.GATEWAY_TIMEOUT, "vendor-timeout", "Vendor did not answer in time", ex.getMessage())
                : problem(HttpStatus.BAD_GATEWAY, "vendor-unavailable", "Vendor unavailable", ex.getMessage());
        problem.setProperty("vendor", ex.vendor());
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> sharedStoreUnavailable(SharedStoreUnavailableException ex) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "shared-store-unavailable",
                "Shared session store unavailable", ex.getMessage());
        problem.setProperty("vendor", ex.vendor());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> otpNotSupported(OneTimePasswordNotSupportedException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "otp-not-supported", "One-time password not supported",
                ex.getMessage());
        problem.setProperty("vendor", ex.vendor());
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationRequiredException ex) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, ex.challenge())
            .body(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(ClientForbiddenException ex) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this client",
                ex.getMessage());
        if (ex.vendor() != null) {
            problem.setProperty("vendor", ex.vendor());
        }
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> throttled(AuthenticationThrottledException ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
            .body(problem(HttpStatus.TOO_MANY_REQUESTS, "authentication-throttled",
                    "Too many failed authentications", ex.getMessage()));
    }

    /** Spring Security's firewall: its message quotes the offending request, so it is not echoed. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejectedRequest(RequestRejectedException ex) {
        return ResponseEntity.of(problem(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                "The request path or headers contain characters or sequences the broker does not accept.")).build();
    }

    /** Last resort: a bug must not leak a stack trace or an exception message to callers. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
        log.error("Unexpected error while handling a request", ex);
        return ResponseEntity.of(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The broker failed unexpectedly; the error is logged.")).build();
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
