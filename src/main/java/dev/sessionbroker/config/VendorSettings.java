package dev.sessionbroker.config;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.vendor.VendorType;

/**
 * A vendor entry after validation, with its type defaults applied. Its {@code toString()}
 * is safe to log: the password prints masked.
 */
public record VendorSettings(
        String name,
        VendorType type,
        URI baseUrl,
        String username,
        Secret password,
        Duration idleTimeout,
        @Nullable Duration maxLifetime,
        Duration connectTimeout,
        Duration readTimeout,
        Duration rejectionCooldown,
        RetrySettings retry) {

    /** Transient-failure retries, validated; see {@link BrokerProperties.Retry}. */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

        public static RetrySettings defaults() {
            return new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
    }
}
