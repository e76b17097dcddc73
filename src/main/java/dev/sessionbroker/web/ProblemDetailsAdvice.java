package dev.sessionbroker.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
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

import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.broker.BrokerException;
import dev.sessionbroker.security.CallerRefused;

/**
 * The one place where failures become HTTP answers: the domain's exceptions (the broker's
 * refusals, vendor login failures, the security filters' refusals) are mapped to the
 * {@link Problem} catalogue, with the vendor and, where it sent one, the vendor's own status
 * and message. Spring MVC's own errors (400, 405, 406, 415) come through
 * {@link ResponseEntityExceptionHandler} in the same format.
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

    /** The catalogue's problems, thrown by the web and proxy layers: answered as they are. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(ProblemException ex) {
        return ex.answer();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownVendor(BrokerException.UnknownVendor ex) {
        return Problem.UNKNOWN_VENDOR.exception(ex.vendor(), ex.getMessage()).answer();
    }

    /** Names the rejection that started the cool-down and when it ends. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> coolingDown(BrokerException.CoolingDown ex) {
        return Problem.VENDOR_COOLING_DOWN.exception(ex.vendor(), ex.getMessage())
            .with("coolDownUntil", ex.until())
            .with("vendorStatus", ex.rejection().vendorStatus())
            .with("vendorMessage", ex.rejection().vendorMessage())
            .retryAfter(ex.remaining())
            .answer();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> sharedStoreUnavailable(BrokerException.SharedStoreUnavailable ex) {
        return Problem.SHARED_STORE_UNAVAILABLE.exception(ex.vendor(), ex.getMessage())
            .retryAfter(BrokerException.SharedStoreUnavailable.RETRY_AFTER)
            .answer();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> oneTimePasswordNotSupported(BrokerException.OneTimePasswordNotSupported ex) {
        return Problem.OTP_NOT_SUPPORTED.exception(ex.vendor(), ex.getMessage()).answer();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> loginFailed(LoginFailure failure) {
        Problem problem = switch (failure.kind()) {
            case REJECTED -> Problem.LOGIN_REJECTED;
            case TIMEOUT -> Problem.VENDOR_TIMEOUT;
            case TRANSIENT -> Problem.VENDOR_UNAVAILABLE;
            case UNUSABLE -> Problem.UNUSABLE_ANSWER;
        };
        ProblemException answer = problem.exception(failure.vendor(), failure.getMessage());
        if (failure instanceof LoginFailure.Rejected rejected) {
            answer.with("vendorStatus", rejected.vendorStatus()).with("vendorMessage", rejected.vendorMessage());
        }
        return answer.answer();
    }

    /** Refusals of the security filters, before any controller. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> callerRefused(CallerRefused refusal) {
        Problem problem = switch (refusal.reason()) {
            case NO_CREDENTIALS, INVALID_TOKEN -> Problem.UNAUTHENTICATED;
            case THROTTLED -> Problem.AUTHENTICATION_THROTTLED;
            case KEYS_UNAVAILABLE -> Problem.JWT_KEYS_UNAVAILABLE;
            case NOT_ALLOWED -> Problem.FORBIDDEN;
        };
        ProblemException answer = problem.exception(refusal.vendor(), refusal.getMessage());
        Duration wait = refusal.retryAfter();
        if (wait != null) {
            answer.retryAfter(wait);
        }
        String challenge = refusal.challenge();
        if (challenge != null) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return answer.answer();
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
                Problem.INVALID_BODY.exception(null, detail).getBody(),
                headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, invalidVendorName(), headers, status, request);
    }

    @ExceptionHandler
    @Nullable ResponseEntity<Object> invalidVendorName(SessionsController.InvalidVendorName ex, WebRequest request) {
        return handleExceptionInternal(ex, invalidVendorName(), new HttpHeaders(), Problem.INVALID_VENDOR_NAME.status(),
                request);
    }

    private static ProblemDetail invalidVendorName() {
        return Problem.INVALID_VENDOR_NAME.exception(null,
                "A vendor name is 1 to 63 lower-case letters, digits or '-'.").getBody();
    }

    /** Spring Security's firewall: its message quotes the offending request, so it is not echoed. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejectedRequest(RequestRejectedException ex) {
        return Problem.REQUEST_REJECTED.exception(null,
                "The request path or headers contain characters or sequences the broker does not accept.").answer();
    }

    /** Last resort: a bug must not leak a stack trace or an exception message to callers. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
        log.error("Unexpected error while handling a request", ex);
        return Problem.INTERNAL_ERROR.exception(null, "The broker failed unexpectedly; the error is logged.").answer();
    }
}
