package dev.sessionbroker.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.BrokerProperties.SessionInjection;
import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.VendorSettings.ProxyOptions;
import dev.sessionbroker.vendor.SessionPlacement;

/** Validates a vendor's proxy-mode overrides; the type defaults live with the proxy. */
final class ProxyOptionsResolver {

    private static final Set<String> PLACES = Set.of("header", "query", "cookie", "json", "basic");

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
        String in = injection.in();
        if (in == null || !PLACES.contains(in)) {
            throw new InvalidVendorConfigurationException(vendor, prefix + "in",
                    "must be one of header, query, cookie, json, basic" + ((in != null) ? ", was '" + in + "'" : ""));
        }
        String name = (injection.name() != null) ? injection.name().trim() : "";
        if (!in.equals("basic") && name.isEmpty()) {
            throw new InvalidVendorConfigurationException(vendor, prefix + "name", "is required for in: " + in);
        }
        return switch (in) {
            case "header" -> new SessionPlacement.Header(name, injection.prefix());
            case "query" -> new SessionPlacement.QueryParameter(name);
            case "cookie" -> new SessionPlacement.Cookie(name);
            case "json" -> new SessionPlacement.JsonBodyFields(name, Map.of());
            default -> new SessionPlacement.BasicAuth(username);
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
