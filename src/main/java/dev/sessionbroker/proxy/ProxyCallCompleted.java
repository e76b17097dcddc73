package dev.sessionbroker.proxy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A proxied call ended, answered or not: for the audit and the metrics.
 *
 * @param vendor the vendor called
 * @param caller who called (a client name)
 * @param method the HTTP method
 * @param status the status passed back to the caller (0 if the vendor gave none)
 * @param latency time from the caller's request to the vendor's answer
 * @param replayed whether the call was replayed after a session refresh
 * @param session the fingerprint of the session the (last) call to the vendor carried: the one
 * actually used, not whatever is cached when the call ends; null if none was sent
 * @param failure why the call was not answered by the vendor
 * ({@link dev.sessionbroker.broker.SessionBroker#failureOf}); null if it was
 */
public record ProxyCallCompleted(String vendor, String caller, String method, int status, Duration latency,
        boolean replayed, @Nullable String session, @Nullable String failure) {
}
