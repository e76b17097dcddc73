package dev.sessionbroker.broker;

import java.time.Duration;

import dev.sessionbroker.vendor.LoginFailure;

/**
 * Hears what the broker does, for metrics. Called on the hot path and on login threads, so
 * implementations must be quick and must not throw. Every label is an enum, so that a new
 * case is a compile error wherever one is switched on, not a silent "other".
 */
public interface BrokerListener {

    /** A listener that hears nothing, for a broker without metrics. */
    BrokerListener NONE = new BrokerListener() {
    };

    /** How one login request ended: a session, or one of the four failure kinds. */
    enum LoginOutcome {

        SUCCESS("success"), REJECTED("rejected"), UNUSABLE("unusable"), TRANSIENT("transient"), TIMEOUT("timeout");

        private final String label;

        LoginOutcome(String label) {
            this.label = label;
        }

        public String label() {
            return this.label;
        }

        public static LoginOutcome of(LoginFailure.Kind kind) {
            return switch (kind) {
                case REJECTED -> REJECTED;
                case UNUSABLE -> UNUSABLE;
                case TRANSIENT -> TRANSIENT;
                case TIMEOUT -> TIMEOUT;
            };
        }
    }

    /** How a caller's request for a session was served. */
    enum RequestResult {

        /** From the cache. */
        HIT("hit"),
        /** This request started a login. */
        MISS("miss"),
        /** Joined a login already under way. */
        WAITED("waited");

        private final String label;

        RequestResult(String label) {
            this.label = label;
        }

        public String label() {
            return this.label;
        }
    }

    /** Why a login was started to replace a session. */
    enum RefreshReason {

        /** A caller's {@code POST /sessions/{vendor}/refresh}. */
        CALLER("caller"),
        /** The cached session had expired. */
        EXPIRY("expiry"),
        /** The vendor refused the session on a proxied call. */
        PROXY_401("proxy-401");

        private final String label;

        RefreshReason(String label) {
            this.label = label;
        }

        public String label() {
            return this.label;
        }
    }

    /**
     * A login request finished.
     * @param latency how long the vendor took
     * @param attempt 1 for the first try, higher for retries
     */
    default void loginFinished(String vendor, LoginOutcome outcome, Duration latency, int attempt) {
    }

    /** A caller asked for a session. */
    default void sessionRequested(String vendor, RequestResult result) {
    }

    /** A new login was started to replace a session. */
    default void refreshStarted(String vendor, RefreshReason reason) {
    }

    /**
     * A login waited for the vendor's {@code min-login-interval} since the one before.
     * @param waited how long it waited
     */
    default void loginPaced(String vendor, Duration waited) {
    }

    /**
     * A proxied call finished.
     * @param method the HTTP method
     * @param status the status passed back to the caller (0 if the vendor gave none)
     * @param latency time from the caller's request to the vendor's answer
     * @param replayed whether the call was replayed after a session refresh
     */
    default void proxyCallFinished(String vendor, String method, int status, Duration latency, boolean replayed) {
    }
}
