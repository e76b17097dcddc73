package dev.sessionbroker.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;

import dev.sessionbroker.broker.LoginError;
import dev.sessionbroker.broker.VendorState;

/**
 * Turns what the broker knows about a vendor into a health answer. Pure: it reads a
 * {@link VendorState} snapshot and the current time, so a health check can never log in.
 *
 * <p>Rules (docs/operations.md): DOWN while the vendor is in a cool-down or when its latest
 * login attempt failed (rejected credentials included); UP otherwise. A vendor nobody has
 * asked for yet is UP with {@code session: none}: an idle vendor is not a fault, and
 * reporting it UNKNOWN would make a fresh broker look broken.
 */
final class VendorHealth {

    private VendorHealth() {
    }

    static Health of(VendorState state, Instant now) {
        Health.Builder health = isDown(state, now) ? Health.down() : Health.up();
        health.withDetail("type", state.type());
        health.withDetail("session", state.sessionCached() ? "cached" : "none");
        if (state.expiresAt() != null) {
            health.withDetail("sessionExpiresAt", state.expiresAt().toString());
        }
        if (state.lastLoginAt() != null) {
            health.withDetail("lastLoginAt", state.lastLoginAt().toString());
        }
        if (state.lastError() != null) {
            health.withDetail("lastError", describe(state.lastError()));
        }
        if (state.coolDownUntil() != null) {
            health.withDetail("coolDownUntil", state.coolDownUntil().toString());
        }
        return health.build();
    }

    /** How many of these vendors refuse logins right now after a rejected one. */
    static long coolingDown(List<VendorState> states, Instant now) {
        return states.stream().filter((state) -> isCoolingDown(state, now)).count();
    }

    static boolean isCoolingDown(VendorState state, Instant now) {
        return state.coolDownUntil() != null && state.coolDownUntil().isAfter(now);
    }

    static boolean isDown(VendorState state, Instant now) {
        return isCoolingDown(state, now) || latestAttemptFailed(state);
    }

    /**
     * The history keeps the last error after a later success, so only an error newer than
     * the last successful login counts; a cached session proves the latest login worked.
     */
    private static boolean latestAttemptFailed(VendorState state) {
        LoginError error = state.lastError();
        if (error == null || state.sessionCached()) {
            return false;
        }
        Instant lastLogin = state.lastLoginAt();
        return lastLogin == null || error.at().isAfter(lastLogin);
    }

    /** Kind, vendor status and message only: {@link LoginError} messages never carry a credential. */
    private static Map<String, String> describe(LoginError error) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", error.kind());
        if (error.vendorStatus() != null) {
            details.put("vendorStatus", error.vendorStatus());
        }
        details.put("message", error.message());
        details.put("at", error.at().toString());
        return details;
    }
}
