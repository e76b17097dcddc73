package dev.sessionbroker.broker;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.adapter.LoginFailure;

/**
 * The outcome of each vendor's latest logins, for listings and health. Kept apart from the
 * session cache because a failure must be visible while nothing is cached.
 */
public final class LoginHistory {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    void succeeded(String vendor, Instant at) {
        this.entries.compute(vendor, (name, old) -> new Entry(at, (old != null) ? old.lastError() : null));
    }

    void failed(String vendor, LoginFailure failure, Instant at) {
        this.entries.compute(vendor,
                (name, old) -> new Entry((old != null) ? old.lastLoginAt() : null, LoginError.of(failure, at)));
    }

    @Nullable Instant lastLoginAt(String vendor) {
        Entry entry = this.entries.get(vendor);
        return (entry != null) ? entry.lastLoginAt() : null;
    }

    @Nullable LoginError lastError(String vendor) {
        Entry entry = this.entries.get(vendor);
        return (entry != null) ? entry.lastError() : null;
    }

    private record Entry(@Nullable Instant lastLoginAt, @Nullable LoginError lastError) {
    }
}
