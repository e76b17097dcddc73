package dev.sessionbroker.security;

/**
 * A request without usable credentials (401): none at all, or a bearer token that matches
 * no client. Mapped to a problem detail with {@code WWW-Authenticate: Bearer} in one place
 * with every other failure.
 */
public class AuthenticationRequiredException extends RuntimeException {

    private final boolean invalidToken;

    AuthenticationRequiredException(boolean invalidToken) {
        super(invalidToken ? "The bearer token matches no client."
                : "Send Authorization: Bearer <token> of a configured client (or a client certificate).", null, false,
                false);
        this.invalidToken = invalidToken;
    }

    /** RFC 6750 §3: the challenge says {@code error="invalid_token"} when a token was sent but refused. */
    public String challenge() {
        return this.invalidToken ? "Bearer realm=\"session-broker\", error=\"invalid_token\""
                : "Bearer realm=\"session-broker\"";
    }
}
