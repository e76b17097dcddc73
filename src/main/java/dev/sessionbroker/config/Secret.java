package dev.sessionbroker.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

/**
 * A credential that must never be printed. Bound from configuration like a plain string,
 * it masks itself in {@code toString()} and is unwrapped with {@link #reveal()} only at the
 * moment a vendor request is written.
 */
public final class Secret {

    private static final String MASK = "******";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Used by Spring's binder (a static {@code of} factory) to convert configuration strings. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return this.value;
    }

    public boolean isBlank() {
        return this.value.isBlank();
    }

    /**
     * Equal to a secret with the same value, compared in constant time, so that settings
     * records holding secrets compare as values (a rotation that changed nothing is no change).
     */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
                secret.value.getBytes(StandardCharsets.UTF_8));
    }

    /** One value for all: a hash of a secret is not worth spreading for faster lookups. */
    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return MASK;
    }
}
