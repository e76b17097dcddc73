package dev.sessionbroker.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The broker's problems, each written once: its HTTP status, its stable {@code type} URN
 * ({@code urn:session-broker:problem:<name>}) and its title. The exception handling answers
 * with them and the API description (docs/openapi.json) publishes them, so the two cannot
 * drift. The core throws domain exceptions ({@code BrokerException}, {@code LoginFailure},
 * {@code CallerRefused}) that {@link ProblemDetailsAdvice} maps here; the web and proxy layers
 * throw {@link #exception}s directly. Any other error is Spring's {@code about:blank} with the
 * status's reason phrase (RFC 9457 §4.2.1).
 */
public enum Problem {

    INVALID_VENDOR_NAME(HttpStatus.BAD_REQUEST, "invalid-vendor-name", "Invalid vendor name"),
    INVALID_BODY(HttpStatus.BAD_REQUEST, "invalid-body", "Invalid request body"),
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected"),
    OTP_NOT_SUPPORTED(HttpStatus.BAD_REQUEST, "otp-not-supported", "One-time password not supported"),
    UNSAFE_PROXY_PATH(HttpStatus.BAD_REQUEST, "unsafe-proxy-path", "Path not allowed"),
    INVALID_PROXY_BODY(HttpStatus.BAD_REQUEST, "invalid-proxy-body", "Request body not usable"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this client"),
    OTP_NOT_ALLOWED(HttpStatus.FORBIDDEN, "otp-not-allowed", "One-time-password login not allowed for this client"),
    UNKNOWN_VENDOR(HttpStatus.NOT_FOUND, "unknown-vendor", "Unknown vendor"),
    REQUEST_BODY_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "request-body-timeout", "Request body too slow"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large"),
    AUTHENTICATION_THROTTLED(HttpStatus.TOO_MANY_REQUESTS, "authentication-throttled",
            "Too many failed authentications"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error"),
    PROXY_NOT_CONFIGURED(HttpStatus.NOT_IMPLEMENTED, "proxy-not-configured", "Vendor cannot be proxied"),
    LOGIN_REJECTED(HttpStatus.BAD_GATEWAY, "login-rejected", "Vendor rejected the login"),
    UNUSABLE_ANSWER(HttpStatus.BAD_GATEWAY, "unusable-answer", "Vendor answer not understood"),
    VENDOR_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "vendor-unavailable", "Vendor unavailable"),
    VENDOR_COOLING_DOWN(HttpStatus.SERVICE_UNAVAILABLE, "vendor-cooling-down",
            "Vendor in cool-down after a rejected login"),
    SHARED_STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "shared-store-unavailable",
            "Shared session store unavailable"),
    PROXY_SATURATED(HttpStatus.SERVICE_UNAVAILABLE, "proxy-saturated", "Too many proxied calls in flight"),
    JWT_KEYS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "jwt-keys-unavailable", "Token signing keys unavailable"),
    VENDOR_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "vendor-timeout", "Vendor did not answer in time");

    static final String TYPE_PREFIX = "urn:session-broker:problem:";

    private final HttpStatus status;

    private final String slug;

    private final String title;

    Problem(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return this.status;
    }

    /** The last part of the {@link #type()} URN, also the name of its examples in the API description. */
    public String slug() {
        return this.slug;
    }

    public URI type() {
        return URI.create(TYPE_PREFIX + this.slug);
    }

    public String title() {
        return this.title;
    }

    /**
     * This problem as an exception, answered by Spring MVC as it is.
     * @param vendor the vendor involved, if any, shown as the {@code vendor} member
     * @param detail shown to the caller: never a secret, never the caller's input echoed
     */
    public ProblemException exception(@Nullable String vendor, String detail) {
        return new ProblemException(this, detail, null).with("vendor", vendor);
    }

    public ProblemException exception(@Nullable String vendor, String detail, @Nullable Throwable cause) {
        return new ProblemException(this, detail, cause).with("vendor", vendor);
    }

    /**
     * An error that is none of the broker's problems (the server refused the request before
     * the API saw it): {@code about:blank}, titled with the status's reason phrase, as Spring
     * answers its own errors.
     */
    static ProblemDetail unnamed(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
