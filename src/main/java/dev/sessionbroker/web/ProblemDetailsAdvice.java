package dev.sessionbroker.web;

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

    private final BadRequestLog badRequests;

    ProblemDetailsAdvice(BadRequestLog badRequests) {
        this.badRequests = badRequests;
    }

    /** Spring MVC's own 4xx (405, 406, 415, ...): counted into one rate-limited line. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is4xxClientError()) {
            this.badRequests.record(status.value(), ex);
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownVendor(UnknownVendorException ex) {
        return ProblemAnswer.of(HttpStatus.NOT_FOUND, "unknown-vendor", "Unknown vendor", ex.getMessage())
            .with("vendor", ex.vendor())
            .build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> loginFailed(LoginFailure failure) {
        ProblemAnswer answer = switch (failure.kind()) {
            case "rejected" -> ProblemAnswer.of(HttpStatus.BAD_GATEWAY, "login-rejected", "Vendor rejected the login",
                    failure.getMessage());
            case "timeout" -> ProblemAnswer.of(HttpStatus.GATEWAY_TIMEOUT, "vendor-timeout",
                    "Vendor did not answer in time", failure.getMessage());
            case "transient" -> ProblemAnswer.of(HttpStatus.BAD_GATEWAY, "vendor-unavailable", "Vendor unavailable",
                    failure.getMessage());
            default -> ProblemAnswer.of(HttpStatus.BAD_GATEWAY, "unusable-answer", "Vendor answer not understood",
                    failure.getMessage());
        };
        answer.with("vendor", failure.vendor());
        if (failure instanceof LoginFailure.Rejected rejected) {
            answer.with("vendorStatus", rejected.vendorStatus()).with("vendorMessage", rejected.vendorMessage());
        }
        return answer.build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> coolingDown(VendorCoolingDownException ex) {
        return ProblemAnswer.of(HttpStatus.SERVICE_UNAVAILABLE, "vendor-cooling-down",
                "Vendor in cool-down after a rejected login", ex.getMessage())
            .with("vendor", ex.vendor())
            .with("coolDownUntil", ex.until())
            .with("vendorStatus", ex.rejection().vendorStatus())
            .with("vendorMessage", ex.rejection().vendorMessage())
            .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
            .build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException ex) {
        return ProblemAnswer.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
                ex.getMessage()).build();
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
        return handleExceptionInternal(ex,
                ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-body", "Invalid request body", detail).detail(),
                headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-vendor-name",
                "Invalid vendor name", "A vendor name is 1 to 63 lower-case letters, digits or '-'.").detail(), headers,
                status, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsafeProxyPath(UnsafeProxyPathException ex) {
        return ProblemAnswer.of(HttpStatus.BAD_REQUEST, "unsafe-proxy-path", "Path not allowed", ex.getMessage())
            .build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxyBody(ProxyBodyException ex) {
        return ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-proxy-body", "Request body not usable",
                ex.getMessage()).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxyNotConfigured(ProxyNotConfiguredException ex) {
        return ProblemAnswer.of(HttpStatus.NOT_IMPLEMENTED, "proxy-not-configured", "Vendor cannot be proxied",
                ex.getMessage()).with("vendor", ex.vendor()).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxySaturated(ProxySaturatedException ex) {
        return ProblemAnswer.of(HttpStatus.SERVICE_UNAVAILABLE, "proxy-saturated", "Too many proxied calls in flight",
                ex.getMessage()).with("vendor", ex.vendor()).header(HttpHeaders.RETRY_AFTER, "1").build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> proxyVendor(ProxyVendorException ex) {
        ProblemAnswer answer = ex.isTimeout()
                ? ProblemAnswer.of(HttpStatus.GATEWAY_TIMEOUT, "vendor-timeout", "Vendor did not answer in time",
                        ex.getMessage())
                : ProblemAnswer.of(HttpStatus.BAD_GATEWAY, "vendor-unavailable", "Vendor unavailable", ex.getMessage());
        return answer.with("vendor", ex.vendor()).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> sharedStoreUnavailable(SharedStoreUnavailableException ex) {
        return ProblemAnswer.of(HttpStatus.SERVICE_UNAVAILABLE, "shared-store-unavailable",
                "Shared session store unavailable", ex.getMessage())
            .with("vendor", ex.vendor())
            .header(HttpHeaders.RETRY_AFTER, "5")
            .build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> otpNotSupported(OneTimePasswordNotSupportedException ex) {
        return ProblemAnswer.of(HttpStatus.BAD_REQUEST, "otp-not-supported", "One-time password not supported",
                ex.getMessage()).with("vendor", ex.vendor()).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationRequiredException ex) {
        return ProblemAnswer.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", ex.getMessage())
            .header(HttpHeaders.WWW_AUTHENTICATE, ex.challenge())
            .build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(ClientForbiddenException ex) {
        return ProblemAnswer.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this client", ex.getMessage())
            .with("vendor", ex.vendor())
            .build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> throttled(AuthenticationThrottledException ex) {
        return ProblemAnswer.of(HttpStatus.TOO_MANY_REQUESTS, "authentication-throttled",
                "Too many failed authentications", ex.getMessage())
            .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
            .build();
    }

    /** Spring Security's firewall: its message quotes the offending request, so it is not echoed. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejectedRequest(RequestRejectedException ex) {
        return ProblemAnswer.of(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                "The request path or headers contain characters or sequences the broker does not accept.").build();
    }

    /** Last resort: a bug must not leak a stack trace or an exception message to callers. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
        log.error("Unexpected error while handling a request", ex);
        return ProblemAnswer.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The broker failed unexpectedly; the error is logged.").build();
    }
}
