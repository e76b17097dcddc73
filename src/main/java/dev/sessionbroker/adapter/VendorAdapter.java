package dev.sessionbroker.adapter;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the rest of the broker knows of one configured vendor, made by its type from the
 * vendor's settings: how to log in and out, where a proxied call carries the session, how the
 * vendor says a session is gone, and the quirks the broker must respect. What a vendor can
 * do beyond the common login is a type its client implements ({@link OneTimePasswordLogin}).
 */
public interface VendorAdapter {

    /** The login adapter, with the HTTP client made for this vendor. */
    VendorClient client(VendorSettings vendor, VendorHttp http);

    /**
     * How a proxied call carries the session, as the vendor documents it; empty where
     * nothing is known (a generic vendor without {@code session-injection}).
     */
    List<SessionPlacement> sessionPlacement(VendorSettings vendor);

    /**
     * For vendors that report errors inside a 200 answer: where the status is and what
     * success looks like, so the proxy can tell a dead session; null where a 401 says it.
     */
    default @Nullable BodyStatusRule bodyStatus() {
        return null;
    }

    /**
     * When a session ends by itself, where the session says (an AppViewX service account's
     * token is a JWT with an {@code exp} claim); null where only use and the vendor's idle
     * rule tell. The broker stops handing it out a little before, so that the next caller
     * gets a new one rather than one about to die.
     */
    default @Nullable Instant sessionEnd(String sessionId) {
        return null;
    }

    /**
     * Whether a login ends every earlier session of the same user (Infinite Blue). Then
     * replicas must never log in on their own, even when the shared store is down.
     */
    default boolean loginEndsEarlierSessions() {
        return false;
    }
}
