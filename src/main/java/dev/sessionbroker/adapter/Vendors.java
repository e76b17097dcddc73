package dev.sessionbroker.adapter;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.config.BrokerProperties.SessionInjection;
import dev.sessionbroker.config.BrokerProperties.SessionInjection.Place;
import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.Placeholders;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.VendorSettings.ProxyOptions;
import dev.sessionbroker.adapter.VendorSettings.RetrySettings;
import dev.sessionbroker.adapter.VendorSettings.VendorOptions;

/**
 * The configured vendors, validated and with their type defaults applied. Every problem with
 * a {@code broker.vendors.<name>} entry is reported with the vendor and the exact key,
 * because the operator reading the start-up failure must know which line of which file to fix.
 */
public final class Vendors {

    /**
     * What a vendor name may be, in configuration and wherever a caller names a vendor: names
     * appear in URLs, metric tags and log lines, so keep them boring.
     */
    public static final String NAME_RULE = "[a-z0-9][a-z0-9-]{0,62}";

    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    /** The vendor types by their {@code type} id, sorted so that messages list them alike every time. */
    private final Map<String, VendorDefinition> types = new TreeMap<>();

    private final Map<String, VendorSettings> byName = new LinkedHashMap<>();

    private Vendors(BrokerProperties properties, Collection<VendorDefinition> types) {
        for (VendorDefinition type : types) {
            if (this.types.putIfAbsent(type.id(), type) != null) {
                throw new IllegalStateException("Two vendor types have the id '" + type.id() + "'");
            }
        }
        properties.vendors().forEach((name, vendor) -> this.byName.put(name, resolve(name, vendor)));
    }

    /**
     * @param types every vendor type the broker speaks: the {@link VendorDefinition} beans
     * @throws InvalidVendorConfigurationException naming the vendor and key of the first bad entry
     */
    public static Vendors from(BrokerProperties properties, Collection<VendorDefinition> types) {
        return new Vendors(properties, types);
    }

    /** Whether this could be a configured vendor's name (see {@link #NAME_RULE}). */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    public @Nullable VendorSettings find(String name) {
        return this.byName.get(name);
    }

    public Collection<VendorSettings> all() {
        return Collections.unmodifiableCollection(this.byName.values());
    }

    private VendorSettings resolve(String name, VendorProperties properties) {
        String prefix = "broker.vendors." + name + ".";
        if (!isValidName(name)) {
            throw new InvalidVendorConfigurationException(name, "broker.vendors." + name,
                    "is not a valid vendor name: use 1 to 63 lower-case letters, digits and '-'");
        }
        VendorDefinition type = type(name, prefix + "type", properties.type());
        URI baseUrl = baseUrl(name, prefix + "base-url", properties.baseUrl(), type);
        String username = required(name, prefix + "username", properties.username());
        Secret password = properties.password();
        if (password == null || password.isBlank()) {
            throw new InvalidVendorConfigurationException(name, prefix + "password", "is required");
        }
        // Sent to the vendor as the literal text "${…}": a rejected login, a cool-down, a lockout.
        resolved(name, prefix + "username", username);
        resolved(name, prefix + "password", password.reveal());
        Secret gatewayKey = properties.gatewayKey();
        if (gatewayKey != null) {
            resolved(name, prefix + "gateway-key", gatewayKey.reveal());
        }
        Duration idleTimeout = positive(name, prefix + "idle-timeout",
                (properties.idleTimeout() != null) ? properties.idleTimeout() : type.defaultIdleTimeout());
        Duration maxLifetime = (properties.maxLifetime() != null) ? properties.maxLifetime() : type.defaultMaxLifetime();
        if (maxLifetime != null) {
            positive(name, prefix + "max-lifetime", maxLifetime);
        }
        VendorOptions options = options(name, prefix, type, properties);
        VendorDefinition definition = type.configure(name, prefix, properties);
        return new VendorSettings(name, definition, baseUrl,
                new VendorCredentials(username, password, properties.gatewayKey()), idleTimeout, maxLifetime,
                positive(name, prefix + "connect-timeout", properties.connectTimeout()),
                positive(name, prefix + "read-timeout", properties.readTimeout()),
                positive(name, prefix + "rejection-cooldown", properties.rejectionCooldown()),
                notNegative(name, prefix + "min-login-interval", properties.minLoginInterval()),
                retry(name, prefix + "retry.", properties.retry()),
                optional(name, prefix + "ssl-bundle", properties.sslBundle()),
                options, proxy(name, prefix, properties));
    }

    /**
     * A key that only one type reads, set on another type, is almost always a copy-paste
     * mistake that would otherwise be ignored in silence, so it stops the start-up too. Each
     * type validates the values of its own keys ({@link VendorDefinition#configure}).
     */
    private VendorOptions options(String name, String prefix, VendorDefinition type, VendorProperties properties) {
        String customerId = optional(name, prefix + "customer-id", properties.customerId());
        Secret gatewayKey = properties.gatewayKey();
        if (gatewayKey != null && gatewayKey.isBlank()) {
            throw new InvalidVendorConfigurationException(name, prefix + "gateway-key", "must not be blank when set");
        }
        Map<String, Boolean> typeSpecific = Map.of("customer-id", customerId != null, "admin-fallback",
                properties.adminFallback(), "use-cookies", properties.useCookies(), "gateway-key", gatewayKey != null,
                "generic", properties.generic() != null);
        typeSpecific.forEach((key, set) -> {
            VendorDefinition owner = this.types.values().stream()
                .filter((other) -> other.ownKeys().contains(key))
                .findFirst()
                .orElse(null);
            if (set && !type.ownKeys().contains(key) && owner != null) {
                throw new InvalidVendorConfigurationException(name, prefix + key,
                        "only applies to type " + owner.id() + ", not " + type.id());
            }
        });
        return new VendorOptions(customerId, properties.adminFallback(), properties.useCookies(),
                properties.gatewaySource().trim());
    }

    /** A vendor's proxy-mode overrides; the type defaults live with the proxy. */
    private static ProxyOptions proxy(String vendor, String prefix, VendorProperties properties) {
        return new ProxyOptions(injection(vendor, prefix + "session-injection.", String.valueOf(properties.username()),
                properties.sessionInjection()),
                statuses(vendor, prefix + "session-expired-statuses", properties.sessionExpiredStatuses()));
    }

    private static @Nullable SessionPlacement injection(String vendor, String prefix, String username,
            @Nullable SessionInjection injection) {
        if (injection == null) {
            return null;
        }
        Place in = injection.in();
        if (in == null) {
            throw new InvalidVendorConfigurationException(vendor, prefix + "in",
                    "must be one of header, query, cookie, json, basic");
        }
        String name = (injection.name() != null) ? injection.name().trim() : "";
        if (in != Place.BASIC && name.isEmpty()) {
            throw new InvalidVendorConfigurationException(vendor, prefix + "name", "is required for in: " + in);
        }
        return switch (in) {
            case HEADER -> new SessionPlacement.Header(name, injection.prefix());
            case QUERY -> new SessionPlacement.QueryParameter(name);
            case COOKIE -> new SessionPlacement.Cookie(name);
            case JSON -> new SessionPlacement.JsonBodyFields(name, Map.of());
            case BASIC -> new SessionPlacement.BasicAuth(username);
        };
    }

    private static @Nullable Set<String> statuses(String vendor, String key, @Nullable List<String> statuses) {
        if (statuses == null) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        for (String status : statuses) {
            if (status == null || status.isBlank()) {
                throw new InvalidVendorConfigurationException(vendor, key, "must not contain empty entries");
            }
            result.add(status.trim());
        }
        return Set.copyOf(result);
    }

    private static @Nullable String optional(String name, String key, @Nullable String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new InvalidVendorConfigurationException(name, key, "must not be blank when set");
        }
        return value.trim();
    }

    private static RetrySettings retry(String name, String prefix, BrokerProperties.Retry retry) {
        if (retry.maxAttempts() < 1 || retry.maxAttempts() > 10) {
            throw new InvalidVendorConfigurationException(name, prefix + "max-attempts",
                    "must be between 1 and 10, was " + retry.maxAttempts());
        }
        Duration initial = positive(name, prefix + "initial-backoff", retry.initialBackoff());
        Duration max = positive(name, prefix + "max-backoff", retry.maxBackoff());
        if (max.compareTo(initial) < 0) {
            throw new InvalidVendorConfigurationException(name, prefix + "max-backoff",
                    "must not be shorter than initial-backoff (" + initial + "), was " + max);
        }
        return new RetrySettings(retry.maxAttempts(), initial, max, positive(name, prefix + "max-total", retry.maxTotal()));
    }

    private VendorDefinition type(String name, String key, @Nullable String value) {
        String known = " (one of: " + String.join(", ", this.types.keySet()) + ")";
        if (value == null || value.isBlank()) {
            throw new InvalidVendorConfigurationException(name, key, "is required" + known);
        }
        VendorDefinition type = this.types.get(value.trim());
        if (type == null) {
            throw new InvalidVendorConfigurationException(name, key, "'" + value + "' is not a known vendor type" + known);
        }
        return type;
    }

    private static URI baseUrl(String name, String key, @Nullable String value, VendorDefinition type) {
        if (value == null || value.isBlank()) {
            URI fallback = type.defaultBaseUrl();
            if (fallback == null) {
                throw new InvalidVendorConfigurationException(name, key,
                        "is required: type " + type.id() + " has no public default");
            }
            return fallback;
        }
        try {
            URI uri = new URI(value.trim());
            if (uri.getRawUserInfo() != null) {
                // Not echoed: the user-info part may be a password.
                throw new InvalidVendorConfigurationException(name, key,
                        "must not contain credentials: use username and password");
            }
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new InvalidVendorConfigurationException(name, key, "'" + value
                        + "' is not a valid base URL: use http(s)://host[:port][/path] without query or fragment");
            }
            return uri;
        }
        catch (URISyntaxException ex) {
            throw new InvalidVendorConfigurationException(name, key, "is not a valid URL: " + ex.getReason());
        }
    }

    private static void resolved(String name, String key, String value) {
        if (Placeholders.isUnresolved(value)) {
            throw new InvalidVendorConfigurationException(name, key, Placeholders.PROBLEM);
        }
    }

    private static String required(String name, String key, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidVendorConfigurationException(name, key, "is required");
        }
        return value;
    }

    private static Duration notNegative(String name, String key, Duration value) {
        if (value.isNegative()) {
            throw new InvalidVendorConfigurationException(name, key, "must not be negative, was " + value);
        }
        return value;
    }

    private static Duration positive(String name, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidVendorConfigurationException(name, key, "must be a positive duration, was " + value);
        }
        return value;
    }
}
