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

import org.springframework.boot.context.properties.bind.Binder;

import dev.sessionbroker.config.VendorProperties;
import dev.sessionbroker.config.VendorProperties.SessionInjection;
import dev.sessionbroker.config.VendorProperties.SessionInjection.Place;
import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.Placeholders;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.VendorSettings.ProxyOptions;
import dev.sessionbroker.adapter.VendorSettings.RetrySettings;

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
    private final Map<String, VendorDefinition<?>> types = new TreeMap<>();

    private final Map<String, VendorSettings> byName = new LinkedHashMap<>();

    private final VendorEntries entries;

    private Vendors(VendorEntries entries, Collection<? extends VendorDefinition<?>> types) {
        this.entries = entries;
        for (VendorDefinition<?> type : types) {
            if (!isValidName(type.id())) {
                throw new IllegalStateException("A vendor type's id is the name of its settings block: '" + type.id()
                        + "' is not one (" + NAME_RULE + ")");
            }
            if (this.types.putIfAbsent(type.id(), type) != null) {
                throw new IllegalStateException("Two vendor types have the id '" + type.id() + "'");
            }
        }
        entries.names().forEach((name) -> this.byName.put(name, resolve(name, entries)));
    }

    /**
     * @param entries the {@code broker.vendors.*} configuration
     * @param types every vendor type the broker speaks: the {@link VendorDefinition} beans
     * @throws InvalidVendorConfigurationException naming the vendor and key of the first bad entry
     */
    public static Vendors from(VendorEntries entries, Collection<? extends VendorDefinition<?>> types) {
        return new Vendors(entries, types);
    }

    /** Whether this could be a configured vendor's name (see {@link #NAME_RULE}). */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * A vendor's credentials as rotated configuration has them now, checked as at start-up:
     * {@code username}, {@code password} and the credential keys of its type's block; every
     * other key as it was at start-up.
     * @throws InvalidVendorConfigurationException naming the key that is wrong
     */
    public Rotated rotated(VendorSettings vendor, Binder binder) {
        VendorDefinition<?> type = this.types.get(vendor.type());
        if (type == null) {
            throw new IllegalStateException("Vendor '" + vendor.name() + "' has an unknown type");
        }
        return rotated(vendor, type, binder);
    }

    private <O> Rotated rotated(VendorSettings vendor, VendorDefinition<O> type, Binder binder) {
        String name = vendor.name();
        String prefix = "broker.vendors." + name + ".";
        String blockPrefix = prefix + type.id() + ".";
        O options = RotatedOptions.of(name, vendor.options(type.optionsType()), type.credentialKeys(), binder,
                blockPrefix);
        this.entries.validate(name, blockPrefix, options);
        type.configure(name, blockPrefix, options);
        String username = binder.bind(prefix + "username", String.class).orElse(null);
        Secret password = binder.bind(prefix + "password", Secret.class).orElse(null);
        if (type.logsInWithPassword(options)) {
            if (username == null || username.isBlank()) {
                throw new InvalidVendorConfigurationException(name, prefix + "username", "is empty");
            }
            if (password == null || password.isBlank()) {
                throw new InvalidVendorConfigurationException(name, prefix + "password", "is empty");
            }
            resolved(name, prefix + "username", username);
            resolved(name, prefix + "password", password.reveal());
        }
        else if (username != null || password != null) {
            throw new InvalidVendorConfigurationException(name, prefix + ((username != null) ? "username" : "password"),
                    "must not be set: with these " + type.id() + " settings the vendor logs in without a password");
        }
        return new Rotated(username, password, options);
    }

    /** Credentials read again; see {@link #rotated}. */
    public record Rotated(@Nullable String username, @Nullable Secret password, Object options) {

        @Override
        public String toString() {
            return "Rotated[username=" + this.username + "]";
        }
    }

    /**
     * Whether this {@code broker.vendors.*} key is one that rotates: a vendor's
     * {@code username} or {@code password}, or a credential key of its type's block.
     */
    public boolean isCredentialKey(String key) {
        for (VendorSettings vendor : this.byName.values()) {
            String prefix = "broker.vendors." + vendor.name() + ".";
            if (key.equals(prefix + "username") || key.equals(prefix + "password")) {
                return true;
            }
            VendorDefinition<?> type = this.types.get(vendor.type());
            if (type != null && type.credentialKeys().stream().anyMatch((own) -> key.equals(prefix + type.id() + "." + own))) {
                return true;
            }
        }
        return false;
    }

    public @Nullable VendorSettings find(String name) {
        return this.byName.get(name);
    }

    public Collection<VendorSettings> all() {
        return Collections.unmodifiableCollection(this.byName.values());
    }

    private VendorSettings resolve(String name, VendorEntries entries) {
        String prefix = "broker.vendors." + name + ".";
        if (!isValidName(name)) {
            throw new InvalidVendorConfigurationException(name, "broker.vendors." + name,
                    "is not a valid vendor name: use 1 to 63 lower-case letters, digits and '-'");
        }
        VendorProperties properties = entries.common(name, this.types.keySet());
        VendorDefinition<?> type = type(name, prefix + "type", properties.type());
        for (String other : this.types.keySet()) {
            if (!other.equals(type.id()) && entries.hasBlock(name, other)) {
                // Almost always a copy-paste mistake that would otherwise be ignored in silence.
                throw new InvalidVendorConfigurationException(name, prefix + other,
                        "only applies to type " + other + ", not " + type.id());
            }
        }
        return resolve(name, prefix, properties, type, entries);
    }

    private <O> VendorSettings resolve(String name, String prefix, VendorProperties properties,
            VendorDefinition<O> type, VendorEntries entries) {
        URI baseUrl = baseUrl(name, prefix + "base-url", properties.baseUrl(), type);
        O options = entries.block(name, type);
        String blockPrefix = prefix + type.id() + ".";
        for (String key : type.credentialKeys()) {
            // Sent to the vendor as the literal text "${…}": a rejected login, a cool-down, a lockout.
            resolved(name, blockPrefix + key, entries.value(VendorEntries.entry(name).append(type.id()).append(key)));
        }
        VendorAdapter adapter = type.configure(name, blockPrefix, options);
        String username = properties.username();
        Secret password = properties.password();
        if (type.logsInWithPassword(options)) {
            username = required(name, prefix + "username", username);
            if (password == null || password.isBlank()) {
                throw new InvalidVendorConfigurationException(name, prefix + "password", "is required");
            }
            resolved(name, prefix + "username", username);
            resolved(name, prefix + "password", password.reveal());
        }
        else if (username != null || password != null) {
            throw new InvalidVendorConfigurationException(name, prefix + ((username != null) ? "username" : "password"),
                    "must not be set: with these " + type.id() + " settings the vendor logs in without a password "
                            + "(use one kind of credentials)");
        }
        Duration idleTimeout = positive(name, prefix + "idle-timeout",
                (properties.idleTimeout() != null) ? properties.idleTimeout() : type.defaultIdleTimeout());
        Duration maxLifetime = (properties.maxLifetime() != null) ? properties.maxLifetime() : type.defaultMaxLifetime();
        if (maxLifetime != null) {
            positive(name, prefix + "max-lifetime", maxLifetime);
        }
        return new VendorSettings(name, type.id(), adapter, baseUrl, new VendorCredentials(username, password, options),
                idleTimeout, maxLifetime,
                positive(name, prefix + "connect-timeout", properties.connectTimeout()),
                positive(name, prefix + "read-timeout", properties.readTimeout()),
                positive(name, prefix + "rejection-cooldown", properties.rejectionCooldown()),
                notNegative(name, prefix + "min-login-interval", properties.minLoginInterval()),
                retry(name, prefix + "retry.", properties.retry()),
                optional(name, prefix + "ssl-bundle", properties.sslBundle()),
                proxy(name, prefix, properties));
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

    private static RetrySettings retry(String name, String prefix, VendorProperties.Retry retry) {
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

    private VendorDefinition<?> type(String name, String key, @Nullable String value) {
        String known = " (one of: " + String.join(", ", this.types.keySet()) + ")";
        if (value == null || value.isBlank()) {
            throw new InvalidVendorConfigurationException(name, key, "is required" + known);
        }
        VendorDefinition<?> type = this.types.get(value.trim());
        if (type == null) {
            throw new InvalidVendorConfigurationException(name, key, "'" + value + "' is not a known vendor type" + known);
        }
        return type;
    }

    private static URI baseUrl(String name, String key, @Nullable String value, VendorDefinition<?> type) {
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

    private static void resolved(String name, String key, @Nullable Object value) {
        if (value != null && Placeholders.isUnresolved(value.toString())) {
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
