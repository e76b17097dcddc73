package dev.sessionbroker.broker;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.adapter.LoginFailure;

/**
 * A request the broker refuses, said in the broker's terms: which vendor, what happened and
 * the facts that go with it. How it is answered (status, problem type, headers) is the web
 * layer's business. Vendor login failures keep their own sealed type, {@link LoginFailure}.
 * Messages are written for callers and operators and never contain a credential.
 */
public abstract sealed class BrokerException extends RuntimeException {

    private final String vendor;

    private BrokerException(String vendor, String detail, @Nullable Throwable cause) {
        // No stack trace: these are answers, not bugs.
        super(detail, cause, false, false);
        this.vendor = vendor;
    }

    /** The vendor as the caller named it. */
    public String vendor() {
        return this.vendor;
    }

    /** Always set: every refusal is created with its message. */
    @Override
    public String getMessage() {
        String detail = super.getMessage();
        return (detail != null) ? detail : getClass().getSimpleName();
    }

    /** No vendor of that name is configured. */
    public static final class UnknownVendor extends BrokerException {

        public UnknownVendor(String vendor) {
            super(vendor, "no vendor named '" + vendor + "' is configured", null);
        }
    }

    /** A vendor rejected a login recently and is not contacted until its cool-down ends. */
    public static final class CoolingDown extends BrokerException {

        private final Instant until;

        private final Duration remaining;

        private final LoginFailure.Rejected rejection;

        CoolingDown(String vendor, Instant rejectedAt, Instant until, Duration remaining,
                LoginFailure.Rejected rejection) {
            super(vendor, "login to vendor '" + vendor + "' was rejected at " + rejectedAt + " ("
                    + rejection.getMessage() + "); no new attempt before " + until, null);
            this.until = until;
            this.remaining = remaining;
            this.rejection = rejection;
        }

        public Instant until() {
            return this.until;
        }

        /** How long until a new login may be tried. */
        public Duration remaining() {
            return this.remaining;
        }

        /** The rejection that started the cool-down. */
        public LoginFailure.Rejected rejection() {
            return this.rejection;
        }
    }

    /**
     * The shared session store is down and the vendor allows one session per user, so no
     * replica logs in on its own until it is back.
     */
    public static final class SharedStoreUnavailable extends BrokerException {

        /** How long to wait before asking again. */
        public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

        SharedStoreUnavailable(String vendor, Throwable cause) {
            super(vendor, "the shared session store is unavailable, and vendor '" + vendor
                    + "' allows one session per user: no replica logs in on its own until the store is back", cause);
        }
    }

    /** A one-time password was sent for a vendor whose type has no one-time-password login. */
    public static final class OneTimePasswordNotSupported extends BrokerException {

        OneTimePasswordNotSupported(String vendor, String type) {
            super(vendor, "vendor '" + vendor + "' does not take a one-time password (its type, " + type
                    + ", has no one-time password login)", null);
        }
    }
}
