package dev.sessionbroker.broker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Caffeine store honours the store contract on a fake ticker, so expiry and leases are
 * tested without sleeping; and it says it is not shared, so a stopping broker ends its sessions.
 */
class LocalSessionStoreTest extends SessionStoreContract {

    private final FakeTime time = new FakeTime();

    private final LocalSessionStore store = new LocalSessionStore(this.time);

    @Override
    protected SessionStore store() {
        return this.store;
    }

    @Override
    protected void elapse(Duration duration) {
        this.time.advance(duration);
    }

    @Test
    void isNotShared() {
        assertThat(this.store.shared()).isFalse();
    }
}
