package dev.sessionbroker.vendor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.vendor.alertsite.AlertSiteVendor;
import dev.sessionbroker.vendor.appviewx.AppViewXVendor;
import dev.sessionbroker.vendor.generic.GenericVendor;
import dev.sessionbroker.vendor.infiniteblue.InfiniteBlueVendor;
import dev.sessionbroker.vendor.revulytics.RevulyticsVendor;

/**
 * The vendor types the broker speaks, by their {@code type} id: the built-in ones, plus any
 * further {@link VendorDefinition} beans in the context.
 */
public final class VendorTypes {

    private final Map<String, VendorDefinition> byId;

    private VendorTypes(Collection<VendorDefinition> definitions) {
        Map<String, VendorDefinition> byId = new LinkedHashMap<>();
        for (VendorDefinition definition : definitions) {
            if (byId.putIfAbsent(definition.id(), definition) != null) {
                throw new IllegalStateException("Two vendor types have the id '" + definition.id() + "'");
            }
        }
        this.byId = byId;
    }

    /** Adding a built-in vendor type: one line here. */
    public static VendorTypes builtIn() {
        return with(List.of());
    }

    /** The built-in types and these. */
    public static VendorTypes with(List<VendorDefinition> more) {
        List<VendorDefinition> all = new ArrayList<>(List.of(new AlertSiteVendor(), new InfiniteBlueVendor(),
                new RevulyticsVendor(), new AppViewXVendor(), GenericVendor.TYPE));
        all.addAll(more);
        return new VendorTypes(all);
    }

    public @Nullable VendorDefinition find(String id) {
        return this.byId.get(id);
    }

    /** The type that reads this key below {@code broker.vendors.<name>.}, if any does. */
    public @Nullable VendorDefinition owner(String key) {
        return this.byId.values().stream().filter((type) -> type.ownKeys().contains(key)).findFirst().orElse(null);
    }

    public String knownIds() {
        return String.join(", ", this.byId.keySet());
    }
}
