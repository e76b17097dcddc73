package dev.sessionbroker.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * One RFC 9457 answer: status, a stable {@code type} URN, title and detail, plus the
 * properties and headers the broker's problems carry ({@code vendor}, {@code Retry-After}).
 */
final class ProblemAnswer {

    private static final String TYPE_BASE = "urn:session-broker:problem:";

    private final ProblemDetail problem;

    private final HttpHeaders headers = new HttpHeaders();

    private ProblemAnswer(HttpStatus status, String type, String title, String detail) {
        this.problem = ProblemDetail.forStatusAndDetail(status, detail);
        this.problem.setType(URI.create(TYPE_BASE + type));
        this.problem.setTitle(title);
    }

    static ProblemAnswer of(HttpStatus status, String type, String title, String detail) {
        return new ProblemAnswer(status, type, title, detail);
    }

    /** Sets a property unless the value is null. */
    ProblemAnswer with(String property, @Nullable Object value) {
        if (value != null) {
            this.problem.setProperty(property, value);
        }
        return this;
    }

    ProblemAnswer header(String name, String value) {
        this.headers.set(name, value);
        return this;
    }

    ProblemDetail detail() {
        return this.problem;
    }

    ResponseEntity<ProblemDetail> build() {
        return ResponseEntity.status(this.problem.getStatus()).headers(this.headers).body(this.problem);
    }
}
