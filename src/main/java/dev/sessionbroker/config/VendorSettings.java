package dev.sessionbroker.config;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.vendor.VendorType;

/**
 * A vendor entry after validation, with its type defaults applied. Its {@code toString()}
 * is safe to log: the password prints masked.
 *
 * @param sslBundle name of the {@code spring.ssl.bundle.*} for this vendor's TLS, if any
 * @param options the few settings only one vendor type reads
 * @param generic the declarative login of a {@code generic} vendor; null for every other type
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
        RetrySettings retry,
        @Nullable String sslBundle,
        VendorOptions options,
        @Nullable GenericLogin generic) {

    /** Transient-failure retries, validated; see {@link BrokerProperties.Retry}. */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

        public static RetrySettings defaults() {
            return new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
    }

    /**
     * Settings of one vendor type each, grouped so that the common entry stays short; see
     * {@link BrokerProperties.VendorProperties} for their meaning.
     */
    public record VendorOptions(@Nullable String customerId, boolean adminFallback, boolean useCookies,
            String gatewaySource, @Nullable Secret gatewayKey) {

        public static VendorOptions defaults() {
            return new VendorOptions(null, false, false, "external", null);
        }
    }
}
