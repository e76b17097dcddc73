package dev.sessionbroker.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.adapter.LoginFailure;

/**
 * A request the broker refuses, carrying its answer as data: which {@link Problem}, the
 * vendor, a detail that is safe to show, and what goes with it (Retry-After, a challenge, the
 * vendor's own status). Thrown anywhere, mapped to a problem detail in one place, as Spring
 * Security's {@code OAuth2AuthorizationException} carries its {@code OAuth2Error}. Vendor
 * login failures keep their own sealed type, {@link LoginFailure}.
 */
public class BrokerException extends RuntimeException {

    /** The broker's refusals: HTTP status, the stable problem type and its title. */
    public enum Problem {

        UNKNOWN_VENDOR(404, "unknown-vendor", "Unknown vendor"),
        VENDOR_COOLING_DOWN(503, "vendor-cooling-down", "Vendor in cool-down after a rejected login"),
        SHARED_STORE_UNAVAILABLE(503, "shared-store-unavailable", "Shared session store unavailable"),
        OTP_NOT_SUPPORTED(400, "otp-not-supported", "One-time password not supported"),
        OTP_NOT_ALLOWED(403, "otp-not-allowed", "One-time-password login not allowed for this client"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
        REQUEST_BODY_TIMEOUT(408, "request-body-timeout", "Request body too slow"),
        UNSAFE_PROXY_PATH(400, "unsafe-proxy-path", "Path not allowed"),
        INVALID_PROXY_BODY(400, "invalid-proxy-body", "Request body not usable"),
        PROXY_NOT_CONFIGURED(501, "proxy-not-configured", "Vendor cannot be proxied"),
        PROXY_SATURATED(503, "proxy-saturated", "Too many proxied calls in flight"),
        VENDOR_TIMEOUT(504, "vendor-timeout", "Vendor did not answer in time"),
        VENDOR_UNAVAILABLE(502, "vendor-unavailable", "Vendor unavailable"),
        UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
        FORBIDDEN(403, "forbidden", "Not allowed for this client"),
        AUTHENTICATION_THROTTLED(429, "authentication-throttled", "Too many failed authentications"),
        JWT_KEYS_UNAVAILABLE(503, "jwt-keys-unavailable", "Token signing keys unavailable");

        private final int status;

        private final String type;

        private final String title;

        Problem(int status, String type, String title) {
            this.status = status;
            this.type = type;
            this.title = title;
        }

        public int status() {
            return this.status;
        }

        /** The last part of the problem's {@code type} URN. */
        public String type() {
            return this.type;
        }

        public String title() {
            return this.title;
        }
    }

    private final Problem problem;

    private final @Nullable String vendor;

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private final Map<String, String> headers = new LinkedHashMap<>();

    /**
     * @param detail what went wrong, shown to the caller: never a secret, never the caller's
     * input echoed
     */
    public BrokerException(Problem problem, @Nullable String vendor, String detail) {
        this(problem, vendor, detail, null);
    }

    public BrokerException(Problem problem, @Nullable String vendor, String detail, @Nullable Throwable cause) {
        // No stack trace: these are answers, not bugs.
        super(detail, cause, false, false);
        this.problem = problem;
        this.vendor = vendor;
    }

    public static BrokerException unknownVendor(String vendor) {
        return new BrokerException(Problem.UNKNOWN_VENDOR, vendor, "no vendor named '" + vendor + "' is configured");
    }

    /** A vendor rejected a login recently and is not contacted until its cool-down ends. */
    public static BrokerException coolingDown(String vendor, Instant rejectedAt, Instant until, Duration remaining,
            LoginFailure.Rejected rejection) {
        return new BrokerException(Problem.VENDOR_COOLING_DOWN, vendor,
                "login to vendor '" + vendor + "' was rejected at " + rejectedAt + " (" + rejection.getMessage()
                        + "); no new attempt before " + until)
            .with("coolDownUntil", until)
            .with("vendorStatus", rejection.vendorStatus())
            .with("vendorMessage", rejection.vendorMessage())
            .retryAfter(remaining);
    }

    /** Adds a property of the problem detail, unless the value is null. */
    public BrokerException with(String property, @Nullable Object value) {
        if (value != null) {
            this.properties.put(property, value);
        }
        return this;
    }

    public BrokerException header(String name, String value) {
        this.headers.put(name, value);
        return this;
    }

    /** {@code Retry-After} in whole seconds, rounded up and at least 1: waiting exactly that long is enough. */
    public BrokerException retryAfter(Duration wait) {
        return header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    public Problem problem() {
        return this.problem;
    }

    /** The detail; always set. */
    @Override
    public String getMessage() {
        String detail = super.getMessage();
        return (detail != null) ? detail : this.problem.title();
    }

    public @Nullable String vendor() {
        return this.vendor;
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(this.properties);
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(this.headers);
    }
}
