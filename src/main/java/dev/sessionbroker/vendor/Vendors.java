package dev.sessionbroker.vendor;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.config.InvalidVendorConfigurationException;


/**
 * The configured vendors, validated and with their type defaults applied.
 */
public final class Vendors {

    private final Map<String, VendorSettings> byName;

    private Vendors(Map<String, VendorSettings> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** @throws InvalidVendorConfigurationException naming the vendor and key of the first bad entry */
    public static Vendors from(BrokerProperties properties) {
        return from(properties, VendorTypes.builtIn());
    }

    /** As {@link #from(BrokerProperties)}, with further vendor types besides the built-in ones. */
    public static Vendors from(BrokerProperties properties, VendorTypes types) {
        return new Vendors(VendorSettingsResolver.resolveAll(properties, types));
    }

    public @Nullable VendorSettings find(String name) {
        return this.byName.get(name);
    }

    public Collection<VendorSettings> all() {
        return this.byName.values();
    }
}
