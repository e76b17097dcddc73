package dev.sessionbroker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.sessionbroker.broker.SessionStore;
import dev.sessionbroker.broker.SessionStore.StoredCoolDown;
import dev.sessionbroker.broker.SessionStore.StoredSession;
import dev.sessionbroker.broker.SessionStoreContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store honours the store contract against a real redis-server, in real time; and
 * whatever else is found in Redis (written by another version, by hand or by an attacker with
 * access to Redis) reads as absent with one WARN, or reaches callers as one short line of
 * text, never as an exception from a parser or as forged log lines.
 */
class RedisSessionStoreTest extends SessionStoreContract {

    private static final String PREFIX = "contract";

    private static final String SESSION_KEY = PREFIX + ":{" + VENDOR + "}:session";

    private static final String COOL_DOWN_KEY = PREFIX + ":{" + VENDOR + "}:cooldown:a";

    private static final String LAST_LOGIN_KEY = PREFIX + ":{" + VENDOR + "}:last-login";

    private static final String LOCK_KEY = PREFIX + ":{" + VENDOR + "}:lock";

    private static final String FENCE_KEY = PREFIX + ":{" + VENDOR + "}:fence";

    private static final RedisScript<Long> NUMSUB = RedisScript.of("return redis.call('PUBSUB', 'NUMSUB', ARGV[1])[2]",
            Long.class);

    private static EmbeddedRedis redis;

    private static LettuceConnectionFactory connections;

    private final Logger storeLog = (Logger) LoggerFactory.getLogger(RedisSessionStore.class);

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private RedisSessionStore store;

    private RedisMessageListenerContainer changes;

    @BeforeAll
    static void startRedis() {
        redis = new EmbeddedRedis();
        connections = redis.connectLikeTheBroker();
    }

    @AfterAll
    static void stopRedis() {
        connections.destroy();
        redis.close();
    }

    /** A fresh store per test, wired as {@link StoreConfiguration} wires it, over an empty Redis. */
    @BeforeEach
    void freshStore() throws Exception {
        redis.flushAll();
        this.store = new RedisSessionStore(new StringRedisTemplate(connections), PREFIX);
        this.changes = new RedisMessageListenerContainer();
        this.changes.setConnectionFactory(connections);
        this.changes.addMessageListener(this.store.changeMessages(), new ChannelTopic(this.store.channel()));
        this.changes.afterPropertiesSet();
        this.changes.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(this.store.channel()) > 0);
        this.logged.start();
        this.storeLog.addAppender(this.logged);
    }

    @AfterEach
    void stopListening() throws Exception {
        this.storeLog.detachAppender(this.logged);
        this.changes.destroy();
    }

    @Override
    protected SessionStore store() {
        return this.store;
    }

    @Override
    protected void elapse(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void isShared() {
        assertThat(this.store.shared()).isTrue();
    }

    @Test
    void aSessionWhoseObtainedAtIsNotANumberReadsAsNone() {
        plantSession(Map.of("id", "session-1", "obtainedAt", "notanumber", "generation", "1"));

        assertThat(this.store.read(VENDOR)).isNull();
    }

    @Test
    void aSessionWithoutIdReadsAsNone() {
        plantSession(Map.of("obtainedAt", "1767225600000", "generation", "1"));

        assertThat(this.store.read(VENDOR)).isNull();
    }

    @Test
    void aSessionWithAnEmptyIdReadsAsNone() {
        plantSession(Map.of("id", "", "obtainedAt", "1767225600000", "generation", "1"));

        assertThat(this.store.read(VENDOR)).isNull();
    }

    @Test
    void repeatedReadsOfAnUnreadableSessionLogOneWarning() {
        plantSession(Map.of("id", "session-1", "obtainedAt", "notanumber", "generation", "1"));

        for (int i = 0; i < 3; i++) {
            assertThat(this.store.read(VENDOR)).isNull();
        }

        assertThat(warningsAbout(SESSION_KEY)).hasSize(1);
    }

    @Test
    void anEntryThatWasReadableInBetweenIsReportedAgainWhenItTurnsBad() {
        plantSession(Map.of("id", "session-1", "obtainedAt", "notanumber", "generation", "1"));
        this.store.read(VENDOR);
        plantSession(Map.of("id", "session-2", "obtainedAt", "1767225600000", "generation", "2"));
        assertThat(this.store.read(VENDOR)).isNotNull();

        plantSession(Map.of("obtainedAt", "1767225600000", "generation", "3"));
        this.store.read(VENDOR);
        this.store.read(VENDOR);

        assertThat(warningsAbout(SESSION_KEY)).hasSize(2);
    }

    @Test
    void aCoolDownWhoseUntilIsNotANumberReadsAsNone() {
        plantCoolDown(Map.of("status", "40", "rejectedAt", "1767225600000", "until", "notanumber"));

        assertThat(this.store.readCoolDown(VENDOR, "a")).isNull();
        assertThat(warningsAbout(COOL_DOWN_KEY)).hasSize(1);
    }

    /**
     * A key of the wrong type makes Redis refuse the command (WRONGTYPE): unreadable, not
     * unreachable, or one planted key would keep a replica in its outage fallback for good.
     */
    @Test
    void aCoolDownKeyHoldingAStringCountsAsNone() {
        redis.client().opsForValue().set(COOL_DOWN_KEY, "not a hash");

        assertThat(this.store.readCoolDown(VENDOR, "a")).isNull();
        assertThat(warningsAbout(COOL_DOWN_KEY)).hasSize(1);
    }

    @Test
    void aSessionKeyHoldingAStringCountsAsNoneAndTheNextWriteReplacesIt() {
        redis.client().opsForValue().set(SESSION_KEY, "not a hash");

        assertThat(this.store.read(VENDOR)).isNull();
        long fence = this.store.acquire(VENDOR, "t", Duration.ofSeconds(5));
        assertThat(this.store.write(VENDOR, fence, "t", "fresh", Instant.ofEpochMilli(1), Duration.ofSeconds(5)))
            .isTrue();
        assertThat(this.store.read(VENDOR)).isNotNull();
    }

    /** Every replica's lock has a lease: one without would keep every replica off the vendor for good. */
    @Test
    void aLockWithoutExpiryIsNotAReplicasAndIsTakenOver() {
        redis.client().opsForValue().set(LOCK_KEY, "planted");

        long fence = this.store.acquire(VENDOR, "t", Duration.ofSeconds(5));

        assertThat(fence).isPositive();
        assertThat(redis.client().opsForValue().get(LOCK_KEY)).isEqualTo("t");
        assertThat(redis.client().getExpire(LOCK_KEY)).isPositive();
        assertThat(this.store.write(VENDOR, fence, "t", "fresh", Instant.ofEpochMilli(1), Duration.ofSeconds(5)))
            .isTrue();
    }

    @Test
    void aLockKeyOfAnotherTypeIsTakenOver() {
        redis.client().opsForHash().put(LOCK_KEY, "holder", "planted");
        redis.client().expire(LOCK_KEY, Duration.ofMinutes(10));

        assertThat(this.store.acquire(VENDOR, "t", Duration.ofSeconds(5))).isPositive();
        assertThat(redis.client().opsForValue().get(LOCK_KEY)).isEqualTo("t");
    }

    @Test
    void aLeasedLockStillHoldsTheOthersOff() {
        redis.client().opsForValue().set(LOCK_KEY, "another-replica", Duration.ofMinutes(1));

        assertThat(this.store.acquire(VENDOR, "t", Duration.ofSeconds(5))).isZero();
        assertThat(redis.client().opsForValue().get(LOCK_KEY)).isEqualTo("another-replica");
    }

    /**
     * A fence that INCR refuses would read as a Redis outage, and every replica would log in on
     * its own; it restarts above any counter instead, so that an earlier holder cannot write.
     */
    @ParameterizedTest
    @ValueSource(strings = { "not-a-number", "-5", "0", "1.5", "99999999999999999999" })
    void aFenceThatIsNotACounterRestartsAboveEveryCounter(String planted) {
        long earlier = this.store.acquire(VENDOR, "earlier", Duration.ofMillis(1));
        redis.client().opsForValue().set(FENCE_KEY, planted);
        redis.client().delete(LOCK_KEY);

        long fence = this.store.acquire(VENDOR, "t", Duration.ofSeconds(5));

        assertThat(fence).isGreaterThan(1_700_000_000_000L);
        assertThat(this.store.write(VENDOR, earlier, "earlier", "stale", Instant.ofEpochMilli(1), Duration.ofSeconds(5)))
            .isFalse();
        assertThat(this.store.write(VENDOR, fence, "t", "fresh", Instant.ofEpochMilli(1), Duration.ofSeconds(5)))
            .isTrue();
        assertThat(this.store.read(VENDOR)).isNotNull().extracting(StoredSession::sessionId).isEqualTo("fresh");
    }

    @Test
    void aFenceKeyOfAnotherTypeRestartsAboveEveryCounter() {
        redis.client().opsForHash().put(FENCE_KEY, "n", "7");

        assertThat(this.store.acquire(VENDOR, "t", Duration.ofSeconds(5))).isGreaterThan(1_700_000_000_000L);
    }

    @Test
    void aFenceThatIsACounterGoesOnCounting() {
        redis.client().opsForValue().set(FENCE_KEY, "41");

        assertThat(this.store.acquire(VENDOR, "t", Duration.ofSeconds(5))).isEqualTo(42);
    }

    @Test
    void aLastLoginKeyHoldingAHashCountsAsNone() {
        redis.client().opsForHash().put(LAST_LOGIN_KEY, "at", "1767225600000");

        assertThat(this.store.lastLoginStart(VENDOR)).isNull();
    }

    @Test
    void aCoolDownMessageComesBackWithoutControlCharacters() {
        plantCoolDown(Map.of("status", "40", "message", "bad\r\nforged=yes\u0007", "rejectedAt", "1767225600000",
                "until", "1767225900000"));

        StoredCoolDown coolDown = this.store.readCoolDown(VENDOR, "a");

        assertThat(coolDown).isNotNull();
        assertThat(coolDown.vendorMessage()).isNotNull().startsWith("bad").contains("forged=yes");
        assertNoControlCharacters(coolDown.vendorMessage());
    }

    /** C1 controls (U+0080 to U+009F) are control characters too: U+0085 is a line break, U+009B a terminal CSI. */
    @Test
    void aCoolDownMessageComesBackWithoutC1ControlCharacters() {
        plantCoolDown(Map.of("status", "40", "message", "bad\u0085forged=yes\u009b31m", "rejectedAt", "1767225600000",
                "until", "1767225900000"));

        StoredCoolDown coolDown = this.store.readCoolDown(VENDOR, "a");

        assertThat(coolDown).isNotNull();
        assertNoControlCharacters(coolDown.vendorMessage());
    }

    @Test
    void aCoolDownStatusComesBackWithoutControlCharacters() {
        plantCoolDown(Map.of("status", "40\r\nforged=yes", "rejectedAt", "1767225600000", "until", "1767225900000"));

        StoredCoolDown coolDown = this.store.readCoolDown(VENDOR, "a");

        assertThat(coolDown).isNotNull();
        assertNoControlCharacters(coolDown.vendorStatus());
    }

    @Test
    void aLongCoolDownMessageComesBackAtMost200Characters() {
        plantCoolDown(Map.of("status", "40", "message", "bad\r\nforged=yes\u0007" + "x".repeat(10_000), "rejectedAt",
                "1767225600000", "until", "1767225900000"));

        StoredCoolDown coolDown = this.store.readCoolDown(VENDOR, "a");

        assertThat(coolDown).isNotNull();
        assertThat(coolDown.vendorMessage()).isNotNull().hasSizeLessThanOrEqualTo(200).startsWith("bad");
        assertNoControlCharacters(coolDown.vendorMessage());
    }

    @Test
    void aLastLoginThatIsNotANumberReadsAsNone() {
        redis.client().opsForValue().set(LAST_LOGIN_KEY, "soon");

        assertThat(this.store.lastLoginStart(VENDOR)).isNull();
        assertThat(warningsAbout(LAST_LOGIN_KEY)).hasSize(1);
    }

    private static void plantSession(Map<String, String> fields) {
        redis.client().delete(SESSION_KEY);
        redis.client().opsForHash().putAll(SESSION_KEY, fields);
    }

    private static void plantCoolDown(Map<String, String> fields) {
        redis.client().delete(COOL_DOWN_KEY);
        redis.client().opsForHash().putAll(COOL_DOWN_KEY, fields);
    }

    private static void assertNoControlCharacters(String text) {
        assertThat(text.chars().filter(Character::isISOControl).mapToObj(Integer::toHexString).toList())
            .as("control characters in %s", text)
            .isEmpty();
    }

    private List<ILoggingEvent> warningsAbout(String key) {
        return this.logged.list.stream()
            .filter((event) -> event.getLevel() == Level.WARN)
            .filter((event) -> event.getFormattedMessage().contains(key))
            .toList();
    }

    /** PUBSUB NUMSUB: whether the listener container has subscribed yet (it does so asynchronously). */
    private static long subscribers(String channel) {
        Long count = redis.client().execute(NUMSUB, List.of(), channel);
        return (count != null) ? count : 0;
    }
}
