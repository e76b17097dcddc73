package dev.sessionbroker.adapter;

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
     * Ends a session at the vendor, where the vendor documents a logout call; nothing
     * otherwise. Best effort: used on shutdown, so that sessions do not outlive the broker.
     * @throws LoginFailure when the vendor could not be reached or refused
     */
    default void logout(String sessionId) {
    }
}
