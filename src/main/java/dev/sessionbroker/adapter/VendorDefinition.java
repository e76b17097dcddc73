package dev.sessionbroker.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.InvalidVendorConfigurationException;

/**
 * One vendor type, registered as a bean from the type's own package: its defaults, its
 * settings block, and the adapter it makes for each configured vendor. Broker, proxy, store
 * and configuration ask the adapter; none of them switches on the type or names one of its
 * keys. A new vendor is one package with one of these as a bean.
 *
 * @param <O> the type's settings: a record bound from {@code broker.vendors.<name>.<id>.*},
 * checked by the Bean Validation constraints on its components ({@link NoOptions} for none)
 */
public interface VendorDefinition<O> {

    /** The value of {@code broker.vendors.<name>.type}, and the name of the type's settings block. */
    String id();

    /** The public endpoint, or {@code null} where every installation has its own host. */
    @Nullable URI defaultBaseUrl();

    /** How long a session may stay unused, from the vendor's documentation where it says. */
    Duration defaultIdleTimeout();

    /** An absolute cap on one session's life, where the vendor has one. */
    default @Nullable Duration defaultMaxLifetime() {
        return null;
    }

    /** The record bound from the type's block. */
    Class<O> optionsType();

    /**
     * The keys of the type's block that hold credentials (a tenant key, a service account's
     * secret): re-read from rotated config trees like {@code password}, part of the
     * credentials' fingerprint, and never shown. Secret values are {@code Secret}s.
     */
    default Set<String> credentialKeys() {
        return Set.of();
    }

    /**
     * Whether a vendor with these settings logs in with the common {@code username} and
     * {@code password}, which are then required; otherwise they must not be set.
     */
    default boolean logsInWithPassword(O options) {
        return true;
    }

    /**
     * Checks what the constraints cannot (keys that depend on each other) and makes the
     * adapter of one configured vendor.
     * @param prefix {@code broker.vendors.<name>.<id>.}, for naming a bad key
     * @throws InvalidVendorConfigurationException naming the vendor and the key
     */
    VendorAdapter configure(String name, String prefix, O options);
}
