package dev.sessionbroker.config;

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

    @Override
    public String toString() {
        return MASK;
    }
}
