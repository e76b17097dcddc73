package dev.sessionbroker.ops;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.sessionbroker.broker.LoginError;
import dev.sessionbroker.broker.VendorState;

import static org.assertj.core.api.Assertions.assertThat;

/** The health rules of docs/operations.md, one state at a time. */
class VendorHealthTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static final LoginError REJECTED = new LoginError("rejected", "40", "Invalid login information.",
            NOW.minusSeconds(10));

    @Test
    void neverTriedIsUpWithNoSession() {
        Health health = VendorHealth.of(state(false, null, null, null), NOW);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("session", "none").containsEntry("type", "alertsite")
            .doesNotContainKeys("lastLoginAt", "lastError", "coolDownUntil");
    }

    @Test
    void rejectedLatestLoginIsDown() {
        Health health = VendorHealth.of(state(false, NOW.minusSeconds(600), REJECTED, null), NOW);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("lastError");
    }

    @Test
    void transientLatestLoginIsDown() {
        LoginError timeout = new LoginError("timeout", null, "no answer within read-timeout", NOW.minusSeconds(5));

        assertThat(VendorHealth.of(state(false, null, timeout, null), NOW).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void errorBeforeTheLastSuccessfulLoginIsHistoryNotDown() {
        Health health = VendorHealth.of(state(false, NOW.minusSeconds(5), REJECTED, null), NOW);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKey("lastError");
    }

    @Test
    void activeCoolDownIsDownAndShowsItsEnd() {
        Instant until = NOW.plusSeconds(30);

        Health health = VendorHealth.of(state(false, null, REJECTED, until), NOW);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("coolDownUntil", until.toString());
    }

    @Test
    void cachedSessionIsUp() {
        Health health = VendorHealth.of(state(true, NOW.minusSeconds(60), null, null), NOW);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("session", "cached");
    }

    @Test
    void coolDownsAreCountedOnlyUntilTheyEnd() {
        VendorState cooling = state(false, null, REJECTED, NOW.plusSeconds(1));
        VendorState over = state(false, null, REJECTED, NOW.minusSeconds(1));

        assertThat(VendorHealth.coolingDown(java.util.List.of(cooling, over, state(true, NOW, null, null)), NOW))
            .isEqualTo(1);
    }

    private static VendorState state(boolean cached, Instant lastLoginAt, LoginError lastError,
            Instant coolDownUntil) {
        return new VendorState("alertsite", "alertsite", cached, cached ? lastLoginAt : null,
                cached ? NOW.plusSeconds(900) : null, lastLoginAt, lastError, coolDownUntil);
    }
}
