package dev.sessionbroker.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.broker.LoginError;
import dev.sessionbroker.broker.VendorState;

/** One entry of {@code GET /sessions}: state only, never a session ID or credential. */
record VendorStateView(String vendor, String type, boolean sessionCached, @Nullable Instant obtainedAt,
        @Nullable Instant expiresAt, @Nullable Instant lastLoginAt, @Nullable LoginError lastError,
        @Nullable Instant coolDownUntil) {

    static VendorStateView of(VendorState state) {
        return new VendorStateView(state.vendor(), state.type(), state.sessionCached(), state.obtainedAt(),
                state.expiresAt(), state.lastLoginAt(), state.lastError(), state.coolDownUntil());
    }
}
