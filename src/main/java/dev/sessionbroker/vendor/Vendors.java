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

    /**
     * @param types every vendor type the broker speaks: the {@link VendorDefinition} beans
     * @throws InvalidVendorConfigurationException naming the vendor and key of the first bad entry
     */
    public static Vendors from(BrokerProperties properties, Collection<VendorDefinition> types) {
        return new Vendors(new VendorSettingsResolver(types).resolveAll(properties));
    }

    public @Nullable VendorSettings find(String name) {
        return this.byName.get(name);
    }

    public Collection<VendorSettings> all() {
        return this.byName.values();
    }
}
