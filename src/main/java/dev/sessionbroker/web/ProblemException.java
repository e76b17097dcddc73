package dev.sessionbroker.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * One {@link Problem} with its detail and the members and headers that go with it
 * ({@code vendor}, {@code vendorStatus}, {@code Retry-After}, a challenge): Spring's
 * {@link ErrorResponseException}, whose body and headers are the answer.
 */
public final class ProblemException extends ErrorResponseException {

    private final Problem problem;

    ProblemException(Problem problem, String detail, @Nullable Throwable cause) {
        super(problem.status(), ProblemDetail.forStatusAndDetail(problem.status(), detail), cause);
        this.problem = problem;
        setType(problem.type());
        setTitle(problem.title());
    }

    public Problem problem() {
        return this.problem;
    }

    /** Adds a member to the problem detail, unless the value is null. */
    public ProblemException with(String member, @Nullable Object value) {
        if (value != null) {
            getBody().setProperty(member, value);
        }
        return this;
    }

    public ProblemException header(String name, String value) {
        getHeaders().set(name, value);
        return this;
    }

    /** {@code Retry-After} in whole seconds, rounded up and at least 1: waiting exactly that long is enough. */
    public ProblemException retryAfter(Duration wait) {
        return header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    ResponseEntity<ProblemDetail> answer() {
        return ResponseEntity.status(getStatusCode()).headers(getHeaders()).body(getBody());
    }

    /** No stack trace: these are answers, not bugs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
