package dev.sessionbroker.broker;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.broker.SessionStore.StoredCoolDown;
import dev.sessionbroker.broker.SessionStore.StoredSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link SessionStore} must do, as its Javadoc says, run against each
 * implementation: the broker's policies are only store-independent if the local store and
 * the Redis store keep the same promises. A subclass supplies the store and a way to let
 * time pass; durations stay short (at most a few hundred milliseconds) because Redis
 * expires keys in real time.
 * <p>
 * Timestamps are compared to the millisecond: that is what a store has to keep (Redis keeps
 * epoch milliseconds), so the instants written here deliberately carry nanoseconds.
 */
public abstract class SessionStoreContract {

    protected static final String VENDOR = "acme";

    /** Short enough for a real-time test, long enough that a read right after a write sees it. */
    protected static final Duration TTL = Duration.ofMillis(150);

    /** Longer than {@link #TTL}: whatever was written with it is gone afterwards. */
    protected static final Duration PAST_TTL = Duration.ofMillis(200);

    private static final Duration LONG = Duration.ofSeconds(30);

    private static final Instant OBTAINED_AT = Instant.parse("2026-01-01T10:15:30.123456789Z");

    /** The store under test, the same instance for the whole test. */
    protected abstract SessionStore store();

    /** Lets {@code duration} pass for the store's expiry (a fake ticker or a real sleep). */
    protected abstract void elapse(Duration duration);

    @Test
    void nothingStoredReadsAsNoSession() {
        assertThat(store().read(VENDOR)).isNull();
    }

    @Test
    void nothingStoredReadsAsNoLoginStart() {
        assertThat(store().lastLoginStart(VENDOR)).isNull();
    }

    @Test
    void nothingStoredReadsAsNoCoolDown() {
        assertThat(store().readCoolDown(VENDOR, "a")).isNull();
    }

    @Test
    void aSecondTokenCannotAcquireWhileTheFirstHoldsTheLock() {
        assertThat(store().acquire(VENDOR, "first", LONG)).isPositive();

        assertThat(store().acquire(VENDOR, "second", LONG)).isZero();
    }

    @Test
    void theLockCanBeTakenAgainAfterTheHolderReleasesIt() {
        store().acquire(VENDOR, "first", LONG);

        store().release(VENDOR, "first");

        assertThat(store().acquire(VENDOR, "second", LONG)).isPositive();
    }

    @Test
    void releaseWithAWrongTokenDoesNotFreeTheLock() {
        store().acquire(VENDOR, "first", LONG);

        store().release(VENDOR, "second");

        assertThat(store().acquire(VENDOR, "second", LONG)).isZero();
    }

    @Test
    void locksOfDifferentVendorsAreIndependent() {
        store().acquire(VENDOR, "first", LONG);

        assertThat(store().acquire("other", "second", LONG)).isPositive();
    }

    @Test
    void fencesStrictlyIncreaseWithEachSuccessfulAcquire() {
        long first = store().acquire(VENDOR, "first", LONG);
        store().release(VENDOR, "first");
        long second = store().acquire(VENDOR, "second", LONG);
        assertThat(store().acquire(VENDOR, "refused", LONG)).isZero();
        store().release(VENDOR, "second");
        long third = store().acquire(VENDOR, "third", LONG);

        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void aLockWhoseLeaseRanOutCanBeTakenByAnotherToken() {
        long first = store().acquire(VENDOR, "crashed", Duration.ofMillis(100));

        elapse(PAST_TTL);

        assertThat(store().acquire(VENDOR, "next", LONG)).isGreaterThan(first);
    }

    @Test
    void writeUnderTheNewestFenceStoresTheSession() {
        long fence = store().acquire(VENDOR, "holder", LONG);

        assertThat(store().write(VENDOR, fence, "holder", "session-1", OBTAINED_AT, LONG)).isTrue();

        StoredSession stored = store().read(VENDOR);
        assertThat(stored).isNotNull();
        assertThat(stored.sessionId()).isEqualTo("session-1");
        assertThat(millis(stored.obtainedAt())).isEqualTo(millis(OBTAINED_AT));
        assertThat(stored.generation()).isEqualTo(fence);
    }

    @Test
    void writeFreesTheLock() {
        long fence = store().acquire(VENDOR, "holder", LONG);

        store().write(VENDOR, fence, "holder", "session-1", OBTAINED_AT, LONG);

        assertThat(store().acquire(VENDOR, "next", LONG)).isPositive();
    }

    @Test
    void writeUnderAnOlderFenceIsRefusedAndLeavesTheNewerSession() {
        long stale = store().acquire(VENDOR, "slow", Duration.ofMillis(100));
        elapse(PAST_TTL);
        long newest = store().acquire(VENDOR, "fast", LONG);
        store().write(VENDOR, newest, "fast", "newer", OBTAINED_AT, LONG);

        assertThat(store().write(VENDOR, stale, "slow", "older", OBTAINED_AT.minusSeconds(1), LONG)).isFalse();

        StoredSession stored = store().read(VENDOR);
        assertThat(stored).isNotNull();
        assertThat(stored.sessionId()).isEqualTo("newer");
        assertThat(stored.generation()).isEqualTo(newest);
    }

    @Test
    void aWrittenSessionExpiresAfterItsTtl() {
        write("session-1", TTL);
        assertThat(store().read(VENDOR)).isNotNull();

        elapse(PAST_TTL);

        assertThat(store().read(VENDOR)).isNull();
    }

    @Test
    void touchWithTheSameSessionIdExtendsIt() {
        write("session-1", TTL);
        elapse(Duration.ofMillis(100));

        store().touch(VENDOR, "session-1", Duration.ofMillis(300));
        elapse(Duration.ofMillis(100));

        StoredSession stored = store().read(VENDOR);
        assertThat(stored).isNotNull();
        assertThat(stored.sessionId()).isEqualTo("session-1");
    }

    @Test
    void touchWithAnotherSessionIdDoesNotExtendIt() {
        write("session-1", TTL);
        elapse(Duration.ofMillis(100));

        store().touch(VENDOR, "session-0", Duration.ofMillis(300));
        elapse(Duration.ofMillis(100));

        assertThat(store().read(VENDOR)).isNull();
    }

    @Test
    void dropRemovesTheSession() {
        write("session-1", LONG);

        store().drop(VENDOR);

        assertThat(store().read(VENDOR)).isNull();
    }

    @Test
    void lastLoginStartReturnsWhatLoginStartingStored() {
        store().loginStarting(VENDOR, OBTAINED_AT, LONG);

        Instant stored = store().lastLoginStart(VENDOR);
        assertThat(stored).isNotNull();
        assertThat(millis(stored)).isEqualTo(millis(OBTAINED_AT));
    }

    @Test
    void lastLoginStartExpiresAfterItsKeepTime() {
        store().loginStarting(VENDOR, OBTAINED_AT, TTL);
        assertThat(store().lastLoginStart(VENDOR)).isNotNull();

        elapse(PAST_TTL);

        assertThat(store().lastLoginStart(VENDOR)).isNull();
    }

    @Test
    void aCoolDownIsNotSeenUnderOtherCredentials() {
        store().writeCoolDown(VENDOR, "a", coolDown("Invalid login"), LONG);

        assertThat(store().readCoolDown(VENDOR, "b")).isNull();
    }

    @Test
    void aCoolDownIsReadBackUnderItsCredentials() {
        StoredCoolDown written = coolDown("Invalid login");
        store().writeCoolDown(VENDOR, "a", written, LONG);

        assertSameCoolDown(store().readCoolDown(VENDOR, "a"), written);
    }

    @Test
    void aNewCoolDownReplacesTheOldOneEntirely() {
        store().writeCoolDown(VENDOR, "a", coolDown("Invalid login"), LONG);
        StoredCoolDown newer = new StoredCoolDown("locked", null, OBTAINED_AT.plusSeconds(60),
                OBTAINED_AT.plusSeconds(120), true);

        store().writeCoolDown(VENDOR, "a", newer, LONG);

        assertSameCoolDown(store().readCoolDown(VENDOR, "a"), newer);
    }

    @Test
    void aCoolDownExpiresAfterItsTtl() {
        store().writeCoolDown(VENDOR, "a", coolDown("Invalid login"), TTL);
        assertThat(store().readCoolDown(VENDOR, "a")).isNotNull();

        elapse(PAST_TTL);

        assertThat(store().readCoolDown(VENDOR, "a")).isNull();
    }

    @Test
    void publishedChangesReachTheListenersWithVendorAndFingerprint() {
        List<Change> heard = new CopyOnWriteArrayList<>();
        store().onChange((vendor, fingerprint) -> heard.add(new Change(vendor, fingerprint)));

        store().publishChange(VENDOR, "fp-1");

        await().atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(heard).containsExactly(new Change(VENDOR, "fp-1")));
    }

    @Test
    void aPublishedNullFingerprintReachesTheListenersAsNull() {
        List<Change> heard = new CopyOnWriteArrayList<>();
        store().onChange((vendor, fingerprint) -> heard.add(new Change(vendor, fingerprint)));

        store().publishChange(VENDOR, null);

        await().atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(heard).containsExactly(new Change(VENDOR, null)));
    }

    private void write(String sessionId, Duration ttl) {
        long fence = store().acquire(VENDOR, "holder", LONG);
        assertThat(store().write(VENDOR, fence, "holder", sessionId, OBTAINED_AT, ttl)).isTrue();
    }

    private static StoredCoolDown coolDown(String message) {
        return new StoredCoolDown("40", message, OBTAINED_AT, OBTAINED_AT.plusSeconds(300), false);
    }

    private static void assertSameCoolDown(StoredCoolDown actual, StoredCoolDown expected) {
        assertThat(actual).isNotNull();
        assertThat(actual.vendorStatus()).isEqualTo(expected.vendorStatus());
        assertThat(actual.vendorMessage()).isEqualTo(expected.vendorMessage());
        assertThat(millis(actual.rejectedAt())).isEqualTo(millis(expected.rejectedAt()));
        assertThat(millis(actual.until())).isEqualTo(millis(expected.until()));
        assertThat(actual.awaitsOneTimePassword()).isEqualTo(expected.awaitsOneTimePassword());
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** What a change listener heard. */
    private record Change(String vendor, String fingerprint) {
    }
}
