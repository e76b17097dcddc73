package dev.sessionbroker.broker;

import java.time.Instant;

/**
 * A session as handed to a caller.
 *
 * @param session the session
 * @param expiresAt until when the broker hands this session out if nobody uses it again
 */
public record SessionLease(Session session, Instant expiresAt) {
}
