package dev.sessionbroker.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.sessionbroker.broker.SharedSessionSource;
import dev.sessionbroker.broker.SharedSessions;
import dev.sessionbroker.broker.SharedSessions.SharedCoolDown;
import dev.sessionbroker.broker.SharedSessions.SharedSession;

/**
 * The Redis side of the shared store: one hash per vendor session, a lock with a lease, a
 * fence counter and a cool-down. Keys carry the vendor in braces ({@code {vendor}}) so that
 * all of a vendor's keys land in one Redis Cluster slot and the scripts stay atomic there.
 */
final class RedisSessionStore implements SharedSessions {

    /** Takes the lock if free and returns a new fence number, or 0 if another replica holds it. */
    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return redis.call('INCR', KEYS[2])
            end
            return 0""", Long.class);

    /**
     * Writes a session only under the newest fence: a holder whose lease expired while it was
     * logging in (and who was superseded) can never overwrite a newer session.
     */
    private static final RedisScript<Long> WRITE = RedisScript.of("""
            if tonumber(redis.call('GET', KEYS[2])) ~= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'id', ARGV[3], 'obtainedAt', ARGV[4], 'generation', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            if redis.call('GET', KEYS[3]) == ARGV[2] then
              redis.call('DEL', KEYS[3])
            end
            return 1""", Long.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""", Long.class);

    /** Extends the idle deadline, but only of the session the replica actually handed out. */
    private static final RedisScript<Long> TOUCH = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""", Long.class);

    private final StringRedisTemplate redis;

    private final String prefix;

    RedisSessionStore(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public @Nullable SharedSession read(String vendor) {
        Map<Object, Object> hash = this.redis.opsForHash().entries(key(vendor, "session"));
        Object id = hash.get("id");
        if (id == null) {
            return null;
        }
        return new SharedSession(id.toString(), number(hash, "obtainedAt"), number(hash, "generation"));
    }

    @Override
    public long acquire(String vendor, String token, long leaseMillis) {
        Long fence = this.redis.execute(ACQUIRE, List.of(key(vendor, "lock"), key(vendor, "fence")), token,
                Long.toString(leaseMillis));
        return (fence != null) ? fence : 0;
    }

    @Override
    public boolean write(String vendor, long fence, String token, String sessionId, long obtainedAtMillis, long ttlMillis) {
        Long written = this.redis.execute(WRITE,
                List.of(key(vendor, "session"), key(vendor, "fence"), key(vendor, "lock")), Long.toString(fence), token,
                sessionId, Long.toString(obtainedAtMillis), Long.toString(Math.max(1, ttlMillis)));
        return written != null && written == 1;
    }

    @Override
    public void release(String vendor, String token) {
        this.redis.execute(RELEASE, List.of(key(vendor, "lock")), token);
    }

    @Override
    public void touch(String vendor, String sessionId, long ttlMillis) {
        this.redis.execute(TOUCH, List.of(key(vendor, "session")), sessionId, Long.toString(Math.max(1, ttlMillis)));
    }

    @Override
    public void drop(String vendor) {
        this.redis.delete(key(vendor, "session"));
    }

    @Override
    public @Nullable SharedCoolDown readCoolDown(String vendor) {
        Map<Object, Object> hash = this.redis.opsForHash().entries(key(vendor, "cooldown"));
        Object status = hash.get("status");
        if (status == null) {
            return null;
        }
        Object message = hash.get("message");
        return new SharedCoolDown(status.toString(), (message != null) ? message.toString() : null,
                number(hash, "rejectedAt"), number(hash, "until"));
    }

    @Override
    public void writeCoolDown(String vendor, SharedCoolDown coolDown, long ttlMillis) {
        String key = key(vendor, "cooldown");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", coolDown.vendorStatus());
        if (coolDown.vendorMessage() != null) {
            fields.put("message", coolDown.vendorMessage());
        }
        fields.put("rejectedAt", Long.toString(coolDown.rejectedAtMillis()));
        fields.put("until", Long.toString(coolDown.untilMillis()));
        this.redis.opsForHash().putAll(key, fields);
        this.redis.expire(key, Duration.ofMillis(Math.max(1, ttlMillis)));
    }

    @Override
    public void clearCoolDown(String vendor) {
        this.redis.delete(key(vendor, "cooldown"));
    }

    /** Tells every replica that a vendor's session changed; the message is a fingerprint or "". */
    @Override
    public void publishChange(String vendor, @Nullable String fingerprint) {
        this.redis.convertAndSend(channel(), vendor + "\n" + ((fingerprint != null) ? fingerprint : ""));
    }

    String channel() {
        return this.prefix + ":changes";
    }

    /** Passes the messages of {@link #publishChange} from other replicas on to the source. */
    static MessageListener changeListener(SharedSessionSource source) {
        return (message, pattern) -> {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            int split = body.indexOf('\n');
            if (split > 0) {
                String fingerprint = body.substring(split + 1);
                source.changed(body.substring(0, split), fingerprint.isEmpty() ? null : fingerprint);
            }
        };
    }

    /** A number field the scripts always write with the others; a hash without it is corrupt. */
    private static long number(Map<Object, Object> hash, String field) {
        Object value = hash.get(field);
        if (value == null) {
            throw new IllegalStateException("shared store entry without '" + field + "'");
        }
        return Long.parseLong(value.toString());
    }

    private String key(String vendor, String part) {
        return this.prefix + ":{" + vendor + "}:" + part;
    }
}
