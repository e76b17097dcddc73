package dev.sessionbroker.broker;

import org.jspecify.annotations.Nullable;

/**
 * A caller dropped a vendor's cached session ({@link SessionBroker#invalidate(String, String)}).
 *
 * @param session the fingerprint of the session dropped; null if none was cached
 * @param failure why nothing could be dropped (an unknown vendor); null on success
 */
public record SessionDropped(String vendor, String caller, @Nullable String session, @Nullable String failure) {
}
