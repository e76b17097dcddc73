package dev.sessionbroker.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Why the security filters refuse a caller, in their own terms; the web layer's problem
 * catalogue says how that is answered. Thrown into Spring MVC's exception resolvers by
 * {@link SecurityProblems}.
 */
public final class CallerRefused extends RuntimeException {

    /** What is wrong with the caller. */
    public enum Reason {

        /** No credentials, or a client certificate of no configured client. */
        NO_CREDENTIALS,

        /** A bearer token that matches no client. */
        INVALID_TOKEN,

        /** The address is backing off after failed authentications. */
        THROTTLED,

        /** A JWT cannot be checked now: the issuer's signing keys could not be fetched. */
        KEYS_UNAVAILABLE,

        /** An authenticated client asked for a vendor or endpoint it may not use. */
        NOT_ALLOWED
    }

    private final Reason reason;

    private final @Nullable String vendor;

    private final @Nullable Duration retryAfter;

    private final @Nullable String challenge;

    private CallerRefused(Reason reason, @Nullable String vendor, String detail, @Nullable Duration retryAfter,
            @Nullable String challenge) {
        // Expected refusals: a stack trace would only add noise.
        super(detail, null, false, false);
        this.reason = reason;
        this.vendor = vendor;
        this.retryAfter = retryAfter;
        this.challenge = challenge;
    }

    /** RFC 6750 §3: the challenge says {@code error="invalid_token"} when a token was sent but refused. */
    static CallerRefused unauthenticated(boolean invalidToken) {
        return invalidToken
                ? new CallerRefused(Reason.INVALID_TOKEN, null, "The bearer token matches no client.", null,
                        "Bearer realm=\"session-broker\", error=\"invalid_token\"")
                : new CallerRefused(Reason.NO_CREDENTIALS, null,
                        "Send Authorization: Bearer <token> of a configured client (or a client certificate).", null,
                        "Bearer realm=\"session-broker\"");
    }

    static CallerRefused throttled(Duration wait) {
        return new CallerRefused(Reason.THROTTLED, null,
                "Too many failed authentications from this address; try again later.", wait, null);
    }

    static CallerRefused keysUnavailable() {
        return new CallerRefused(Reason.KEYS_UNAVAILABLE, null,
                "The token issuer's signing keys cannot be fetched right now; try again shortly.",
                Duration.ofSeconds(5), null);
    }

    /** @param vendor the vendor refused, if it is a well-formed name: never arbitrary caller input */
    static CallerRefused notAllowed(@Nullable String vendor, String detail) {
        return new CallerRefused(Reason.NOT_ALLOWED, vendor, detail, null, null);
    }

    public Reason reason() {
        return this.reason;
    }

    public @Nullable String vendor() {
        return this.vendor;
    }

    /** How long the caller should wait before trying again, if that is known. */
    public @Nullable Duration retryAfter() {
        return this.retryAfter;
    }

    /** The {@code WWW-Authenticate} challenge for a caller that has to authenticate. */
    public @Nullable String challenge() {
        return this.challenge;
    }

    /** Always set: every refusal is created with its message. */
    @Override
    public String getMessage() {
        String detail = super.getMessage();
        return (detail != null) ? detail : this.reason.name();
    }
}
