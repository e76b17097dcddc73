package dev.sessionbroker.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.vendor.VendorSettings;
import dev.sessionbroker.vendor.Vendors;

/**
 * Vendor settings bound from property keys exactly as an operator writes them, through
 * Spring Boot's binder and the broker's own validation.
 */
public final class ConfiguredVendors {

    private ConfiguredVendors() {
    }

    /** @param properties keys below {@code broker.vendors.<vendor>.} */
    public static VendorSettings vendor(String vendor, Map<String, String> properties) {
        return vendors(vendor, properties).find(vendor);
    }

    /** All configured vendors, here just the one. */
    public static Vendors vendors(String vendor, Map<String, String> properties) {
        Map<String, String> source = new LinkedHashMap<>();
        properties.forEach((key, value) -> source.put("broker.vendors." + vendor + "." + key, value));
        BrokerProperties bound = new Binder(new MapConfigurationPropertySource(source))
            .bind("broker", BrokerProperties.class)
            .get();
        return Vendors.from(bound);
    }
}
