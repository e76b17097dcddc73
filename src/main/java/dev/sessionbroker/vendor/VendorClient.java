package dev.sessionbroker.vendor;

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
}
