package dev.sessionbroker.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.InvalidVendorConfigurationException;

/**
 * Everything the broker needs to know about one vendor type, in the type's own package: its
 * defaults, its login adapter, how a proxied call carries the session and how the vendor
 * says that a session is gone, and the quirks the broker must respect. Broker, proxy, store
 * and configuration ask the definition; none of them switches on the type. A new vendor is
 * one package with one of these as a bean: the broker speaks every type in the context.
 */
public interface VendorDefinition {

    /** The value of {@code broker.vendors.<name>.type}. */
    String id();

    /** The public endpoint, or {@code null} where every installation has its own host. */
    @Nullable URI defaultBaseUrl();

    /** How long a session may stay unused, from the vendor's documentation where it says. */
    Duration defaultIdleTimeout();

    /** An absolute cap on one session's life, where the vendor has one. */
    default @Nullable Duration defaultMaxLifetime() {
        return null;
    }

    /**
     * The keys below {@code broker.vendors.<name>.} that only this type reads. Setting one of
     * them on another type stops the start-up: it is almost always a copy-paste mistake.
     */
    default Set<String> ownKeys() {
        return Set.of();
    }

    /**
     * Validates this type's own keys of one vendor entry and returns the definition that
     * vendor uses: this one, or (generic) one built from the entry.
     * @throws InvalidVendorConfigurationException naming the vendor and the key
     */
    default VendorDefinition configure(String name, String prefix, VendorProperties properties) {
        return this;
    }

    /** The login adapter for one configured vendor of this type. */
    VendorClient client(VendorSettings vendor, VendorHttp http);

    /**
     * How a proxied call carries the session, as the vendor documents it; empty where
     * nothing is known (a generic vendor without {@code session-injection}).
     */
    List<SessionPlacement> sessionPlacement(VendorSettings vendor);

    /**
     * For vendors that report errors inside a 200 answer: where the status is and what
     * success looks like, so the proxy can tell a dead session; null where a 401 says it.
     */
    default @Nullable BodyStatusRule bodyStatus() {
        return null;
    }

    /**
     * Whether a login ends every earlier session of the same user (Infinite Blue). Then
     * replicas must never log in on their own, even when the shared store is down.
     */
    default boolean loginEndsEarlierSessions() {
        return false;
    }
}
