package dev.sessionbroker.broker;

import java.time.Duration;

/**
 * Hears what the broker does, for metrics and audit. Called on the hot path and on login
 * threads, so implementations must be quick and must not throw.
 */
public interface BrokerListener {

    /**
     * A login request finished.
     * @param vendor the vendor name
     * @param outcome success, rejected, unusable, transient or timeout
     * @param latency how long the vendor took
     * @param attempt 1 for the first try, higher for retries
     */
    default void loginFinished(String vendor, String outcome, Duration latency, int attempt) {
    }

    /**
     * A caller asked for a session.
     * @param vendor the vendor name
     * @param result hit (cached), miss (this request started a login) or waited (joined a
     * login already under way)
     */
    default void sessionRequested(String vendor, String result) {
    }

    /**
     * A new login was started to replace a session.
     * @param vendor the vendor name
     * @param reason caller (explicit refresh), expiry (the cached one had expired) or
     * proxy-401 (the vendor refused it on a proxied call)
     */
    default void refreshStarted(String vendor, String reason) {
    }

    /**
     * A login waited for the vendor's {@code min-login-interval} since the one before.
     * @param vendor the vendor name
     * @param waited how long it waited
     */
    default void loginPaced(String vendor, Duration waited) {
    }

    /**
     * A proxied call finished.
     * @param vendor the vendor name
     * @param method the HTTP method
     * @param status the status passed back to the caller (0 if the vendor gave none)
     * @param latency time from the caller's request to the vendor's answer
     * @param replayed whether the call was replayed after a session refresh
     */
    default void proxyCallFinished(String vendor, String method, int status, Duration latency, boolean replayed) {
    }
}
