package dev.sessionbroker.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The store of a broker that runs alone ({@code broker.store: local}), and of a replica while
 * its shared store is out of reach: Caffeine entries that expire by the time-to-live each
 * write gives them, and a lock with a lease, on this process's ticker. It honours the same
 * contract as the Redis store, so the broker's policies do not depend on which one runs.
 */
public final class LocalSessionStore implements SessionStore {

    private final Cache<String, Timed<StoredSession>> sessions;

    private final Cache<String, Timed<StoredCoolDown>> coolDowns;

    private final Cache<String, Timed<Instant>> loginStarts;

    private final Map<String, Lock> locks = new ConcurrentHashMap<>();

    private final Map<String, AtomicLong> fences = new ConcurrentHashMap<>();

    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    private final Ticker ticker;

    public LocalSessionStore(Ticker ticker) {
        this.ticker = ticker;
        this.sessions = timed(ticker);
        this.coolDowns = timed(ticker);
        this.loginStarts = timed(ticker);
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public @Nullable StoredSession read(String vendor) {
        return valueOf(this.sessions, vendor);
    }

    @Override
    public long acquire(String vendor, String token, Duration lease) {
        long now = this.ticker.read();
        Lock taken = new Lock(token, now + lease.toNanos());
        Lock holder = this.locks.compute(vendor,
                (name, current) -> (current == null || current.untilTick() - now <= 0) ? taken : current);
        if (holder != taken) {
            return 0;
        }
        return this.fences.computeIfAbsent(vendor, (name) -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public boolean write(String vendor, long fence, String token, String sessionId, Instant obtainedAt, Duration ttl) {
        AtomicLong newest = this.fences.get(vendor);
        boolean written;
        synchronized (this.sessions) {
            written = newest != null && newest.get() == fence;
            if (written) {
                this.sessions.put(vendor, new Timed<>(new StoredSession(sessionId, obtainedAt, fence), ttl));
            }
        }
        release(vendor, token);
        return written;
    }

    @Override
    public void release(String vendor, String token) {
        this.locks.computeIfPresent(vendor, (name, current) -> current.token().equals(token) ? null : current);
    }

    @Override
    public void touch(String vendor, String sessionId, Duration ttl) {
        // Replaced only on a match: writing the same entry back would restart its time-to-live too.
        Timed<StoredSession> entry = this.sessions.getIfPresent(vendor);
        if (entry != null && entry.value().sessionId().equals(sessionId)) {
            this.sessions.asMap().replace(vendor, entry, new Timed<>(entry.value(), ttl));
        }
    }

    @Override
    public void drop(String vendor) {
        this.sessions.invalidate(vendor);
    }

    @Override
    public @Nullable Instant lastLoginStart(String vendor) {
        return valueOf(this.loginStarts, vendor);
    }

    @Override
    public void loginStarting(String vendor, Instant at, Duration keep) {
        this.loginStarts.put(vendor, new Timed<>(at, keep));
    }

    @Override
    public @Nullable StoredCoolDown readCoolDown(String vendor, String credentials) {
        return valueOf(this.coolDowns, vendor + '\n' + credentials);
    }

    @Override
    public void writeCoolDown(String vendor, String credentials, StoredCoolDown coolDown, Duration ttl) {
        this.coolDowns.put(vendor + '\n' + credentials, new Timed<>(coolDown, ttl));
    }

    @Override
    public void publishChange(String vendor, @Nullable String fingerprint) {
        this.listeners.forEach((listener) -> listener.changed(vendor, fingerprint));
    }

    @Override
    public void onChange(ChangeListener listener) {
        this.listeners.add(listener);
    }

    private static <V> @Nullable V valueOf(Cache<String, Timed<V>> cache, String key) {
        Timed<V> entry = cache.getIfPresent(key);
        return (entry != null) ? entry.value() : null;
    }

    private static <V> Cache<String, Timed<V>> timed(Ticker ticker) {
        return Caffeine.newBuilder().ticker(ticker).expireAfter(new Expiry<String, Timed<V>>() {

            @Override
            public long expireAfterCreate(String key, Timed<V> entry, long currentTime) {
                return entry.ttl().toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Timed<V> entry, long currentTime, long currentDuration) {
                return entry.ttl().toNanos();
            }

            @Override
            public long expireAfterRead(String key, Timed<V> entry, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** A value with the time-to-live its last write gave it. */
    private record Timed<V>(V value, Duration ttl) {
    }

    private record Lock(String token, long untilTick) {
    }
}
