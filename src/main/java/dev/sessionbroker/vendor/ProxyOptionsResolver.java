package dev.sessionbroker.vendor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.BrokerProperties.SessionInjection;
import dev.sessionbroker.config.BrokerProperties.SessionInjection.Place;
import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.vendor.VendorSettings.ProxyOptions;
import dev.sessionbroker.config.InvalidVendorConfigurationException;

/** Validates a vendor's proxy-mode overrides; the type defaults live with the proxy. */
final class ProxyOptionsResolver {


    private ProxyOptionsResolver() {
    }

    static ProxyOptions resolve(String vendor, String prefix, VendorProperties properties) {
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
}
