package dev.sessionbroker.broker;

import org.jspecify.annotations.Nullable;

/**
 * A caller asked for a vendor's session ({@link SessionBroker#handOut}): published once the
 * answer is known, on the thread that knows it.
 *
 * @param vendor the vendor acted on, as the caller named it
 * @param caller who asked (a client name)
 * @param session the fingerprint of the session handed out; null if none was
 * @param failure why none was ({@link SessionBroker#failureOf}); null on success
 */
public record SessionHandedOut(String vendor, String caller, @Nullable String session, @Nullable String failure) {
}
