package dev.sessionbroker.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;

import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.VendorDefinition;
import dev.sessionbroker.adapter.VendorEntries;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.adapter.alertsite.AlertSiteVendor;
import dev.sessionbroker.adapter.appviewx.AppViewXVendor;
import dev.sessionbroker.adapter.generic.GenericVendor;
import dev.sessionbroker.adapter.infiniteblue.InfiniteBlueVendor;
import dev.sessionbroker.adapter.revulytics.RevulyticsVendor;

/**
 * Vendor settings bound from property keys exactly as an operator writes them, through
 * Spring Boot's binder and the broker's own validation.
 */
public final class ConfiguredVendors {

    /** The built-in vendor types, which the application finds as beans. */
    private static final List<VendorDefinition<?>> BUILT_IN = List.of(new AlertSiteVendor(), new AppViewXVendor(),
            new GenericVendor(), new InfiniteBlueVendor(), new RevulyticsVendor());

    private ConfiguredVendors() {
    }

    /** Checks the types' settings records as the application's validator does. */
    private static final SpringValidatorAdapter VALIDATOR = new SpringValidatorAdapter(
            Validation.buildDefaultValidatorFactory().getValidator());

    /** The vendors of these {@code broker.*} keys, of the built-in types. */
    public static Vendors from(Map<String, String> keys) {
        return Vendors.from(new VendorEntries(List.of(new MapConfigurationPropertySource(keys)),
                PlaceholdersResolver.NONE, VALIDATOR), BUILT_IN);
    }

    /** @param properties keys below {@code broker.vendors.<vendor>.} */
    public static VendorSettings vendor(String vendor, Map<String, String> properties) {
        return vendors(vendor, properties).find(vendor);
    }

    /** All configured vendors, here just the one. */
    public static Vendors vendors(String vendor, Map<String, String> properties) {
        Map<String, String> source = new LinkedHashMap<>();
        properties.forEach((key, value) -> source.put("broker.vendors." + vendor + "." + key, value));
        return from(source);
    }
}
