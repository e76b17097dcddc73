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

import dev.sessionbroker.broker.BrokerException;
import dev.sessionbroker.broker.BrokerException.Problem;
import dev.sessionbroker.adapter.LoginFailure;

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

    /** Every refusal of the broker's own carries its answer as data. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(BrokerException ex) {
        Problem problem = ex.problem();
        ProblemAnswer answer = ProblemAnswer.of(HttpStatus.valueOf(problem.status()), problem.type(), problem.title(),
                ex.getMessage()).with("vendor", ex.vendor());
        ex.properties().forEach(answer::with);
        ex.headers().forEach(answer::header);
        return answer.build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> loginFailed(LoginFailure failure) {
        ProblemAnswer answer = switch (failure.kind()) {
            case REJECTED -> ProblemAnswer.of(HttpStatus.BAD_GATEWAY, "login-rejected", "Vendor rejected the login",
                    failure.getMessage());
            case TIMEOUT -> ProblemAnswer.of(HttpStatus.GATEWAY_TIMEOUT, "vendor-timeout",
                    "Vendor did not answer in time", failure.getMessage());
            case TRANSIENT -> ProblemAnswer.of(HttpStatus.BAD_GATEWAY, "vendor-unavailable", "Vendor unavailable",
                    failure.getMessage());
            case UNUSABLE -> ProblemAnswer.of(HttpStatus.BAD_GATEWAY, "unusable-answer", "Vendor answer not understood",
                    failure.getMessage());
        };
        answer.with("vendor", failure.vendor());
        if (failure instanceof LoginFailure.Rejected rejected) {
            answer.with("vendorStatus", rejected.vendorStatus()).with("vendorMessage", rejected.vendorMessage());
        }
        return answer.build();
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
        return handleExceptionInternal(ex, invalidVendorName(), headers, status, request);
    }

    @ExceptionHandler
    @Nullable ResponseEntity<Object> invalidVendorName(SessionsController.InvalidVendorName ex, WebRequest request) {
        return handleExceptionInternal(ex, invalidVendorName(), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail invalidVendorName() {
        return ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-vendor-name", "Invalid vendor name",
                "A vendor name is 1 to 63 lower-case letters, digits or '-'.").detail();
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
