package dev.sessionbroker.broker;

import java.time.Duration;
import java.util.Locale;

import dev.sessionbroker.adapter.LoginFailure;

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

        SUCCESS, REJECTED, UNUSABLE, TRANSIENT, TIMEOUT;

        public String label() {
            return BrokerListener.label(this);
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
        HIT,
        /** This request started a login. */
        MISS,
        /** Joined a login already under way. */
        WAITED;

        public String label() {
            return BrokerListener.label(this);
        }
    }

    /** Why a login was started to replace a session. */
    enum RefreshReason {

        /** A caller's {@code POST /sessions/{vendor}/refresh}. */
        CALLER,
        /** The cached session had expired. */
        EXPIRY,
        /** The vendor refused the session on a proxied call. */
        PROXY_401;

        public String label() {
            return BrokerListener.label(this);
        }
    }

    /** A value's label in metric tags and log lines: its name in lower case, {@code -} for {@code _}. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
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
}
