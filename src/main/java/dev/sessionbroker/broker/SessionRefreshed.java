package dev.sessionbroker.broker;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.broker.BrokerListener.RefreshReason;

/**
 * A caller's refresh ({@link SessionBroker#refresh(String, String, RefreshReason, dev.sessionbroker.config.Secret,
 * String)}) was answered: with a new session, or the one someone else's refresh already made.
 *
 * @param session the fingerprint of the session answered; null if the refresh failed
 * @param failure why it failed ({@link SessionBroker#failureOf}); null on success
 */
public record SessionRefreshed(String vendor, String caller, RefreshReason reason, @Nullable String session,
        @Nullable String failure) {
}
