package dev.sessionbroker.adapter;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Why a login produced no session. The set is closed on purpose: the broker decides on
 * retries and cool-downs, and the web layer on status codes, by these four kinds alone.
 * Messages are written for callers and operators and never contain a credential.
 */
public abstract sealed class LoginFailure extends RuntimeException {

    private final String vendor;

    private LoginFailure(String vendor, String message, @Nullable Throwable cause) {
        // Expected failures: a stack trace would only add noise to logs.
        super(message, cause, false, false);
        this.vendor = vendor;
    }

    /** The configured vendor name. */
    public String vendor() {
        return this.vendor;
    }

    /** Always set: every failure is created with its message. */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        return (message != null) ? message : kind().label();
    }

    public abstract Kind kind();

    /** The four kinds; {@link #label()} is how logs, metrics and answers name them. */
    public enum Kind {

        REJECTED("rejected"), UNUSABLE("unusable"), TRANSIENT("transient"), TIMEOUT("timeout");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return this.label;
        }

        @Override
        public String toString() {
            return this.label;
        }
    }

    /** The vendor refused the credentials (or the account): retrying cannot help. */
    public static final class Rejected extends LoginFailure {

        @Override
        public Kind kind() {
            return Kind.REJECTED;
        }

        private final String vendorStatus;

        private final @Nullable String vendorMessage;

        private final boolean awaitsOneTimePassword;

        public Rejected(String vendor, String vendorStatus, @Nullable String vendorMessage) {
            this(vendor, vendorStatus, vendorMessage, false);
        }

        /**
         * @param awaitsOneTimePassword the credentials were right but the account wants a
         * one-time password as well (AppViewX with MFA): only a login carrying one can succeed
         */
        public Rejected(String vendor, String vendorStatus, @Nullable String vendorMessage,
                boolean awaitsOneTimePassword) {
            super(vendor, "vendor rejected the login: status " + vendorStatus
                    + ((vendorMessage != null) ? " (" + vendorMessage + ")" : ""), null);
            this.vendorStatus = vendorStatus;
            this.vendorMessage = vendorMessage;
            this.awaitsOneTimePassword = awaitsOneTimePassword;
        }

        public boolean awaitsOneTimePassword() {
            return this.awaitsOneTimePassword;
        }

        public String vendorStatus() {
            return this.vendorStatus;
        }

        public @Nullable String vendorMessage() {
            return this.vendorMessage;
        }
    }

    /** The vendor answered something that is not a login answer (HTML, empty, missing field). */
    public static final class Unusable extends LoginFailure {

        @Override
        public Kind kind() {
            return Kind.UNUSABLE;
        }

        public Unusable(String vendor, String detail) {
            super(vendor, detail, null);
        }
    }

    /** Connection trouble or a server-side error: worth another try later. */
    public static final class Transient extends LoginFailure {

        @Override
        public Kind kind() {
            return Kind.TRANSIENT;
        }

        private final @Nullable Duration retryAfter;

        public Transient(String vendor, String detail, @Nullable Duration retryAfter, @Nullable Throwable cause) {
            super(vendor, detail, cause);
            this.retryAfter = retryAfter;
        }

        /** The vendor's own {@code Retry-After}, if it sent one. */
        public @Nullable Duration retryAfter() {
            return this.retryAfter;
        }
    }

    /** The vendor did not answer within the configured timeouts. */
    public static final class TimedOut extends LoginFailure {

        @Override
        public Kind kind() {
            return Kind.TIMEOUT;
        }

        public TimedOut(String vendor, String detail, @Nullable Throwable cause) {
            super(vendor, detail, cause);
        }
    }
}
