package dev.sessionbroker.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.config.BrokerProperties;


/**
 * A vendor entry after validation, with its type defaults applied. Its {@code toString()}
 * is safe to log: the password prints masked.
 *
 * @param definition what the broker knows about the vendor's type (generic: built from the
 * entry's {@code generic} block)
 * @param minLoginInterval the least time between two logins of this vendor
 * @param sslBundle name of the {@code spring.ssl.bundle.*} for this vendor's TLS, if any
 * @param options the few settings only one vendor type reads
 * @param proxy proxy-mode overrides of the type's defaults
 */
public record VendorSettings(
        String name,
        VendorDefinition definition,
        URI baseUrl,
        VendorCredentials credentials,
        Duration idleTimeout,
        @Nullable Duration maxLifetime,
        Duration connectTimeout,
        Duration readTimeout,
        Duration rejectionCooldown,
        Duration minLoginInterval,
        RetrySettings retry,
        @Nullable String sslBundle,
        VendorOptions options,
        ProxyOptions proxy) {

    /** The login name, as it is now (credentials rotate). */
    public String username() {
        return this.credentials.username();
    }

    /** The password, as it is now (credentials rotate). */
    public Secret password() {
        return this.credentials.password();
    }

    /** AppViewX's {@code gwkey}, as it is now, where one is configured. */
    public @Nullable Secret gatewayKey() {
        return this.credentials.gatewayKey();
    }

    /**
     * How long after {@code now} the session may still be handed out: the idle timeout from
     * its last use, never past max-lifetime from its login. All three readings are nanoseconds
     * on one time base (the cache's ticker, or wall-clock), so every store applies one rule.
     */
    public long remainingNanos(long obtainedAt, long lastUse, long now) {
        long deadline = lastUse + this.idleTimeout.toNanos();
        if (this.maxLifetime != null) {
            deadline = Math.min(deadline, obtainedAt + this.maxLifetime.toNanos());
        }
        return Math.max(0, deadline - now);
    }

    /** Transient-failure retries, validated; see {@link BrokerProperties.Retry}. */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
    }

    /**
     * Settings of one vendor type each, grouped so that the common entry stays short; see
     * {@link BrokerProperties.VendorProperties} for their meaning.
     */
    public record VendorOptions(@Nullable String customerId, boolean adminFallback, boolean useCookies,
            String gatewaySource) {
    }

    /**
     * Proxy-mode settings; see {@link BrokerProperties.VendorProperties}.
     *
     * @param injection where the session goes, or null for the type's documented default
     * @param sessionExpiredStatuses body statuses meaning "session invalid", or null for the
     * type's default
     */
    public record ProxyOptions(@Nullable SessionPlacement injection, @Nullable Set<String> sessionExpiredStatuses) {
    }

    /** How a proxied call carries the session: as configured, or as the type documents it. */
    public List<SessionPlacement> sessionPlacement() {
        return (this.proxy.injection() != null) ? List.of(this.proxy.injection())
                : this.definition.sessionPlacement(this);
    }
}
