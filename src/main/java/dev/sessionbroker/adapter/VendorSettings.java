package dev.sessionbroker.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.config.VendorProperties;


/**
 * A vendor entry after validation, with its type defaults applied. Its {@code toString()}
 * is safe to log: the password prints masked.
 *
 * @param type the vendor type's id ({@code broker.vendors.<name>.type})
 * @param adapter what the broker knows of this vendor, made by its type from its settings
 * @param minLoginInterval the least time between two logins of this vendor
 * @param sslBundle name of the {@code spring.ssl.bundle.*} for this vendor's TLS, if any
 * @param proxy proxy-mode overrides of the type's defaults
 */
public record VendorSettings(
        String name,
        String type,
        VendorAdapter adapter,
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
        ProxyOptions proxy) {

    /**
     * The login name, as it is now (credentials rotate).
     * @throws IllegalStateException for a vendor that logs in otherwise (start-up made sure
     * that only its type's adapter, which knows, would ask)
     */
    public String username() {
        String username = this.credentials.username();
        if (username == null) {
            throw new IllegalStateException("Vendor '" + this.name + "' logs in without a username");
        }
        return username;
    }

    /**
     * The password, as it is now (credentials rotate).
     * @throws IllegalStateException for a vendor that logs in otherwise
     */
    public Secret password() {
        Secret password = this.credentials.password();
        if (password == null) {
            throw new IllegalStateException("Vendor '" + this.name + "' logs in without a password");
        }
        return password;
    }

    /**
     * The settings of the vendor's type, as they are now (their credential keys rotate).
     * @param type the type's settings record
     */
    public <O> O options(Class<O> type) {
        return type.cast(this.credentials.options());
    }

    /**
     * How long after {@code now} the session may still be handed out: the idle timeout from
     * its last use, never past max-lifetime from its login, nor past the session's own
     * lifetime. All readings are nanoseconds on one time base (the cache's ticker, or
     * wall-clock), so every store applies one rule.
     * @param sessionLifetime how long after the login the session itself lasts
     * ({@link Long#MAX_VALUE}: as long as it is used)
     */
    public long remainingNanos(long obtainedAt, long lastUse, long now, long sessionLifetime) {
        long deadline = lastUse + this.idleTimeout.toNanos();
        if (this.maxLifetime != null) {
            deadline = Math.min(deadline, obtainedAt + this.maxLifetime.toNanos());
        }
        if (sessionLifetime != Long.MAX_VALUE) {
            deadline = Math.min(deadline, obtainedAt + sessionLifetime);
        }
        return Math.max(0, deadline - now);
    }

    /** Transient-failure retries, validated; see {@link VendorProperties.Retry}. */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
    }

    /**
     * Proxy-mode settings; see {@link VendorProperties}.
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
                : this.adapter.sessionPlacement(this);
    }
}
