package dev.sessionbroker.broker;

import java.time.Instant;

import dev.sessionbroker.vendor.LoginFailure;

/**
 * A vendor rejected a login recently and is not contacted until its cool-down ends. Callers
 * fail fast instead of adding one more failed attempt to the vendor's lockout counter.
 */
public class VendorCoolingDownException extends RuntimeException {

    private final String vendor;

    private final Instant until;

    private final long retryAfterSeconds;

    private final LoginFailure.Rejected rejection;

    VendorCoolingDownException(String vendor, Instant rejectedAt, Instant until, long retryAfterSeconds,
            LoginFailure.Rejected rejection) {
        super("login to vendor '" + vendor + "' was rejected at " + rejectedAt + " (" + rejection.getMessage()
                + "); no new attempt before " + until, null, false, false);
        this.vendor = vendor;
        this.until = until;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rejection = rejection;
    }

    public String vendor() {
        return this.vendor;
    }

    public Instant until() {
        return this.until;
    }

    /** Whole seconds until the cool-down ends, at least 1: the {@code Retry-After} value. */
    public long retryAfterSeconds() {
        return this.retryAfterSeconds;
    }

    public LoginFailure.Rejected rejection() {
        return this.rejection;
    }
}
