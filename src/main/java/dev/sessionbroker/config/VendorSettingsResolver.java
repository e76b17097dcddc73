package dev.sessionbroker.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.VendorSettings.RetrySettings;
import dev.sessionbroker.config.VendorSettings.VendorOptions;
import dev.sessionbroker.vendor.VendorType;

/**
 * Validates each {@code broker.vendors.<name>} entry and applies its type defaults. Every
 * problem is reported with the vendor and the exact key, because the operator reading the
 * start-up failure must know which line of which file to fix.
 */
public final class VendorSettingsResolver {

    /** Vendor names appear in URLs, metric tags and log lines: keep them boring. */
    private static final Pattern VENDOR_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final Pattern GATEWAY_SOURCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private VendorSettingsResolver() {
    }

    static Map<String, VendorSettings> resolveAll(BrokerProperties properties) {
        Map<String, VendorSettings> resolved = new LinkedHashMap<>();
        properties.vendors().forEach((name, vendor) -> resolved.put(name, resolve(name, vendor)));
        return resolved;
    }

    static VendorSettings resolve(String name, VendorProperties properties) {
        String prefix = "broker.vendors." + name + ".";
        if (!VENDOR_NAME.matcher(name).matches()) {
            throw new InvalidVendorConfigurationException(name, "broker.vendors." + name,
                    "is not a valid vendor name: use 1 to 63 lower-case letters, digits and '-'");
        }
        VendorType type = type(name, prefix + "type", properties.type());
        URI baseUrl = baseUrl(name, prefix + "base-url", properties.baseUrl(), type);
        String username = required(name, prefix + "username", properties.username());
        Secret password = properties.password();
        if (password == null || password.isBlank()) {
            throw new InvalidVendorConfigurationException(name, prefix + "password", "is required");
        }
        Duration idleTimeout = positive(name, prefix + "idle-timeout",
                (properties.idleTimeout() != null) ? properties.idleTimeout() : type.defaultIdleTimeout());
        Duration maxLifetime = (properties.maxLifetime() != null)
                ? positive(name, prefix + "max-lifetime", properties.maxLifetime()) : null;
        return new VendorSettings(name, type, baseUrl, username, password, idleTimeout, maxLifetime,
                positive(name, prefix + "connect-timeout", properties.connectTimeout()),
                positive(name, prefix + "read-timeout", properties.readTimeout()),
                positive(name, prefix + "rejection-cooldown", properties.rejectionCooldown()),
                retry(name, prefix + "retry.", properties.retry()),
                optional(name, prefix + "ssl-bundle", properties.sslBundle()),
                options(name, prefix, type, properties),
                generic(name, prefix + "generic", type, properties.generic()),
                ProxyOptionsResolver.resolve(name, prefix, properties));
    }

    /**
     * A vendor-specific key on the wrong type is almost always a copy-paste mistake that would
     * otherwise be ignored in silence, so it stops the start-up too.
     */
    private static VendorOptions options(String name, String prefix, VendorType type, VendorProperties properties) {
        String customerId = optional(name, prefix + "customer-id", properties.customerId());
        onlyFor(name, prefix + "customer-id", type, VendorType.INFINITEBLUE, customerId != null);
        onlyFor(name, prefix + "admin-fallback", type, VendorType.INFINITEBLUE, properties.adminFallback());
        onlyFor(name, prefix + "use-cookies", type, VendorType.REVULYTICS, properties.useCookies());
        Secret gatewayKey = properties.gatewayKey();
        if (gatewayKey != null && gatewayKey.isBlank()) {
            throw new InvalidVendorConfigurationException(name, prefix + "gateway-key", "must not be blank when set");
        }
        onlyFor(name, prefix + "gateway-key", type, VendorType.APPVIEWX, gatewayKey != null);
        String gatewaySource = properties.gatewaySource().trim();
        if (!GATEWAY_SOURCE.matcher(gatewaySource).matches()) {
            throw new InvalidVendorConfigurationException(name, prefix + "gateway-source",
                    "'" + gatewaySource + "' is not a gateway source: use letters, digits, '-' or '_' (e.g. external)");
        }
        return new VendorOptions(customerId, properties.adminFallback(), properties.useCookies(), gatewaySource,
                gatewayKey);
    }

    private static @Nullable GenericLogin generic(String name, String key, VendorType type,
            BrokerProperties.@Nullable Generic generic) {
        if (type != VendorType.GENERIC) {
            onlyFor(name, key, type, VendorType.GENERIC, generic != null);
            return null;
        }
        if (generic == null) {
            throw new InvalidVendorConfigurationException(name, key,
                    "is required for type generic: login-path, username-param, password-param and "
                            + "session-pointer or session-cookie");
        }
        return GenericLoginResolver.resolve(name, key + ".", generic);
    }

    private static void onlyFor(String name, String key, VendorType type, VendorType expected, boolean set) {
        if (set && type != expected) {
            throw new InvalidVendorConfigurationException(name, key,
                    "only applies to type " + expected.id() + ", not " + type.id());
        }
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

    private static VendorType type(String name, String key, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidVendorConfigurationException(name, key,
                    "is required (one of: " + VendorType.knownIds() + ")");
        }
        VendorType type = VendorType.fromId(value.trim());
        if (type == null) {
            throw new InvalidVendorConfigurationException(name, key,
                    "'" + value + "' is not a known vendor type (one of: " + VendorType.knownIds() + ")");
        }
        return type;
    }

    private static URI baseUrl(String name, String key, @Nullable String value, VendorType type) {
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

    private static String required(String name, String key, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidVendorConfigurationException(name, key, "is required");
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
