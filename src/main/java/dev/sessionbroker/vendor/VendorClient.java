package dev.sessionbroker.vendor;

import dev.sessionbroker.config.Secret;

/**
 * Logs in to one vendor account. An adapter knows how to ask for a session and how to read
 * the answer, nothing else: caching, single-flight, retries and cool-downs belong to the
 * broker.
 */
public interface VendorClient {

    /**
     * Performs one login request.
     * @return the session the vendor issued
     * @throws LoginFailure when no session came of it
     */
    LoginResult login();

    /**
     * Performs one login with a one-time password, for an account with multi-factor
     * authentication (AppViewX's {@code otp} header). The seam for
     * {@code POST /sessions/{vendor}/refresh} with {@code {"otp":"…"}}.
     * @throws UnsupportedOperationException when the vendor type has no OTP login
     */
    default LoginResult login(Secret otp) {
        throw new UnsupportedOperationException("This vendor type does not take a one-time password");
    }

    /**
     * Ends a session at the vendor, where the vendor documents a logout call; nothing
     * otherwise. Best effort: used on shutdown, so that sessions do not outlive the broker.
     * @throws LoginFailure when the vendor could not be reached or refused
     */
    default void logout(String sessionId) {
    }
}
