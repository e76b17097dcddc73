package dev.sessionbroker.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.sessionbroker.adapter.VendorText;
import dev.sessionbroker.broker.SessionStore;

/**
 * The shared store in Redis: one hash per vendor session, a lock with a lease, a fence
 * counter, the time of the latest login and a cool-down per credentials fingerprint. Keys
 * carry the vendor in braces ({@code {vendor}}) so that all of a vendor's keys land in one
 * Redis Cluster slot and the scripts stay atomic there.
 * <p>
 * Whatever Redis holds may have been written by another version, by hand or by an attacker
 * with access to Redis: an entry that does not parse counts as absent (one WARN until it
 * parses again), and vendor text is cut short and stripped of control characters before
 * anyone can echo it.
 */
final class RedisSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(RedisSessionStore.class);

    /** Longest vendor message passed on from Redis; the vendors' own messages are one short sentence. */
    static final int MAX_MESSAGE_LENGTH = 200;

    /**
     * Takes the lock if free and returns a new fence number, or 0 if another replica holds it.
     * <p>
     * Every lock a replica writes is a string with a lease. A lock key without an expiry, or
     * of another type, was put there by something else and would hold every replica off the
     * vendor for good, so it is taken over. A fence that is not a positive counter (another
     * type, not an integer) would fail every {@code INCR}, which the broker would take for a
     * Redis outage and log in from each replica on its own; it restarts at the current time in
     * milliseconds (passed in, so that the script stays deterministic for replication), above any
     * counter a replica holds, so that no earlier holder can write.
     */
    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              if redis.call('TYPE', KEYS[1]).ok == 'string' and redis.call('PTTL', KEYS[1]) ~= -1 then
                return 0
              end
              redis.call('DEL', KEYS[1])
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            end
            local kind = redis.call('TYPE', KEYS[2]).ok
            if kind ~= 'none' then
              local fence = (kind == 'string') and redis.call('GET', KEYS[2]) or ''
              if not string.match(fence, '^[1-9][0-9]*$') or string.len(fence) > 15 then
                redis.call('DEL', KEYS[2])
                redis.call('SET', KEYS[2], ARGV[3])
              end
            end
            return redis.call('INCR', KEYS[2])""", Long.class);

    /**
     * Writes a session only under the newest fence: a holder whose lease expired while it was
     * logging in (and who was superseded) can never overwrite a newer session.
     */
    private static final RedisScript<Long> WRITE = RedisScript.of("""
            if tonumber(redis.call('GET', KEYS[2])) ~= tonumber(ARGV[1]) then
              if redis.call('GET', KEYS[3]) == ARGV[2] then
                redis.call('DEL', KEYS[3])
              end
              return 0
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'id', ARGV[3], 'obtainedAt', ARGV[4], 'generation', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            if redis.call('GET', KEYS[3]) == ARGV[2] then
              redis.call('DEL', KEYS[3])
            end
            return 1""", Long.class);

    /** Replaces a cool-down whole, with its expiry: no field of an older one survives, no key lives for ever. */
    private static final RedisScript<Long> WRITE_COOL_DOWN = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            return redis.call('PEXPIRE', KEYS[1], ARGV[1])""", Long.class);

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

    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    /** Keys whose unreadable value has been reported, so that a bad entry costs one WARN, not one per read. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    RedisSessionStore(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public @Nullable StoredSession read(String vendor) {
        String key = key(vendor, "session");
        Map<Object, Object> hash = hash(key);
        if (hash.isEmpty()) {
            return null;
        }
        try {
            Object id = hash.get("id");
            if (id == null || id.toString().isBlank()) {
                throw new IllegalArgumentException("no 'id'");
            }
            StoredSession session = new StoredSession(id.toString(), Instant.ofEpochMilli(number(hash, "obtainedAt")),
                    number(hash, "generation"));
            return readable(key, session);
        }
        catch (IllegalArgumentException ex) {
            return unreadable(key, String.valueOf(ex.getMessage()));
        }
    }

    @Override
    public long acquire(String vendor, String token, Duration lease) {
        // Only a restart value for a fence that is not a counter (ACQUIRE): any number above the
        // counters will do, so the wall clock's milliseconds rather than the broker's Clock.
        Long fence = this.redis.execute(ACQUIRE, List.of(key(vendor, "lock"), key(vendor, "fence")), token,
                Long.toString(Math.max(1, lease.toMillis())), Long.toString(System.currentTimeMillis()));
        return (fence != null) ? fence : 0;
    }

    @Override
    public boolean write(String vendor, long fence, String token, String sessionId, Instant obtainedAt, Duration ttl) {
        Long written = this.redis.execute(WRITE,
                List.of(key(vendor, "session"), key(vendor, "fence"), key(vendor, "lock")), Long.toString(fence), token,
                sessionId, Long.toString(obtainedAt.toEpochMilli()), Long.toString(Math.max(1, ttl.toMillis())));
        return written != null && written == 1;
    }

    @Override
    public void release(String vendor, String token) {
        this.redis.execute(RELEASE, List.of(key(vendor, "lock")), token);
    }

    @Override
    public void touch(String vendor, String sessionId, Duration ttl) {
        this.redis.execute(TOUCH, List.of(key(vendor, "session")), sessionId, Long.toString(Math.max(1, ttl.toMillis())));
    }

    @Override
    public void drop(String vendor) {
        this.redis.delete(key(vendor, "session"));
    }

    @Override
    public @Nullable Instant lastLoginStart(String vendor) {
        String key = key(vendor, "last-login");
        String value;
        try {
            value = this.redis.opsForValue().get(key);
        }
        catch (RedisSystemException ex) {
            value = null;
            wrongType(key, ex);
        }
        if (value == null) {
            return null;
        }
        try {
            return readable(key, Instant.ofEpochMilli(Long.parseLong(value)));
        }
        catch (IllegalArgumentException ex) {
            return unreadable(key, String.valueOf(ex.getMessage()));
        }
    }

    @Override
    public void loginStarting(String vendor, Instant at, Duration keep) {
        this.redis.opsForValue().set(key(vendor, "last-login"), Long.toString(at.toEpochMilli()),
                Duration.ofMillis(Math.max(1, keep.toMillis())));
    }

    @Override
    public @Nullable StoredCoolDown readCoolDown(String vendor, String credentials) {
        String key = key(vendor, "cooldown:" + credentials);
        Map<Object, Object> hash = hash(key);
        if (hash.isEmpty()) {
            return null;
        }
        try {
            Object status = hash.get("status");
            if (status == null) {
                throw new IllegalArgumentException("no 'status'");
            }
            Object message = hash.get("message");
            return readable(key, new StoredCoolDown(clean(status.toString()), (message != null) ? clean(message.toString()) : null,
                    Instant.ofEpochMilli(number(hash, "rejectedAt")), Instant.ofEpochMilli(number(hash, "until")),
                    "1".equals(hash.get("otp"))));
        }
        catch (IllegalArgumentException ex) {
            return unreadable(key, String.valueOf(ex.getMessage()));
        }
    }

    @Override
    public void writeCoolDown(String vendor, String credentials, StoredCoolDown coolDown, Duration ttl) {
        String key = key(vendor, "cooldown:" + credentials);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", coolDown.vendorStatus());
        if (coolDown.vendorMessage() != null) {
            fields.put("message", coolDown.vendorMessage());
        }
        fields.put("rejectedAt", Long.toString(coolDown.rejectedAt().toEpochMilli()));
        fields.put("until", Long.toString(coolDown.until().toEpochMilli()));
        if (coolDown.awaitsOneTimePassword()) {
            fields.put("otp", "1");
        }
        List<String> args = new ArrayList<>();
        args.add(Long.toString(Math.max(1, ttl.toMillis())));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        this.redis.execute(WRITE_COOL_DOWN, List.of(key), args.toArray());
    }

    /** Tells every replica that a vendor's session changed; the message is a fingerprint or "". */
    @Override
    public void publishChange(String vendor, @Nullable String fingerprint) {
        this.redis.convertAndSend(channel(), vendor + "\n" + ((fingerprint != null) ? fingerprint : ""));
    }

    @Override
    public void onChange(ChangeListener listener) {
        this.listeners.add(listener);
    }

    String channel() {
        return this.prefix + ":changes";
    }

    /** Passes the messages of {@link #publishChange}, this replica's and the others', to the listeners. */
    MessageListener changeMessages() {
        return (message, pattern) -> {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            int split = body.indexOf('\n');
            if (split > 0) {
                String fingerprint = body.substring(split + 1);
                this.listeners.forEach((listener) -> listener.changed(body.substring(0, split),
                        fingerprint.isEmpty() ? null : fingerprint));
            }
        };
    }

    /** Vendor text from Redis as a caller may see it: one short line. */
    static String clean(String text) {
        return VendorText.oneLine(text, MAX_MESSAGE_LENGTH);
    }

    private <T> T readable(String key, T value) {
        if (!this.reported.isEmpty() && this.reported.remove(key)) {
            log.info("shared-store key={} readable again", key);
        }
        return value;
    }

    private <T> @Nullable T unreadable(String key, String reason) {
        if (this.reported.add(key)) {
            log.warn("shared-store key={} is unreadable and treated as absent ({})", key, clean(reason));
        }
        return null;
    }

    /** A hash, or none where the key holds another type (the next write replaces it whole). */
    private Map<Object, Object> hash(String key) {
        try {
            return this.redis.opsForHash().entries(key);
        }
        catch (RedisSystemException ex) {
            wrongType(key, ex);
            return Map.of();
        }
    }

    /**
     * Redis refused the command because the key holds another type of value: unreadable, not
     * unreachable (that would send a replica into its outage fallback for good).
     */
    private void wrongType(String key, RedisSystemException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (!String.valueOf(cause.getMessage()).startsWith("WRONGTYPE")) {
            throw ex;
        }
        unreadable(key, "holds another type of value");
    }

    /** A number field the scripts always write with the others. */
    private static long number(Map<Object, Object> hash, String field) {
        Object value = hash.get(field);
        if (value == null) {
            throw new IllegalArgumentException("no '" + field + "'");
        }
        try {
            return Long.parseLong(value.toString());
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + field + "' is not a number");
        }
    }

    private String key(String vendor, String part) {
        return this.prefix + ":{" + vendor + "}:" + part;
    }
}
