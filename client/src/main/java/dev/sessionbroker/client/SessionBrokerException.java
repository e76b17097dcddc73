package dev.sessionbroker.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The broker refused to hand out a session: its status and RFC 9457 problem, e.g. 503
 * {@code urn:session-broker:problem:vendor-cooling-down} with {@code Retry-After}, or 502
 * {@code login-rejected}. docs/callers.md says what each status means for a caller.
 */
public class SessionBrokerException extends RuntimeException {

    private final String vendor;

    private final int status;

    private final @Nullable String type;

    private final @Nullable Duration retryAfter;

    public SessionBrokerException(String vendor, int status, @Nullable String type, @Nullable String detail,
            @Nullable Duration retryAfter) {
        super("Session broker answered " + status + " for vendor " + vendor + ((type != null) ? " (" + type + ")" : "")
                + ((detail != null) ? ": " + detail : ""));
        this.vendor = vendor;
        this.status = status;
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public String vendor() {
        return this.vendor;
    }

    /** The broker's HTTP status. */
    public int status() {
        return this.status;
    }

    /** The problem's {@code type} URN, e.g. {@code urn:session-broker:problem:vendor-cooling-down}. */
    public @Nullable String type() {
        return this.type;
    }

    /** How long the broker asked to wait ({@code Retry-After}), where it did. */
    public @Nullable Duration retryAfter() {
        return this.retryAfter;
    }
}
