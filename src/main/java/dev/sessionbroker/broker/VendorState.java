package dev.sessionbroker.broker;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the broker knows about one vendor, without touching the session (reading it would
 * count as a use) and without the session ID.
 */
public record VendorState(
        String vendor,
        String type,
        boolean sessionCached,
        @Nullable Instant obtainedAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastLoginAt,
        @Nullable LoginError lastError,
        @Nullable Instant coolDownUntil) {
}
