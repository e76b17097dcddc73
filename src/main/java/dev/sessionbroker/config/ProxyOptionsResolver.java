package dev.sessionbroker.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.BrokerProperties.SessionInjection;
import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.VendorSettings.Injection;
import dev.sessionbroker.config.VendorSettings.ProxyOptions;

/** Validates a vendor's proxy-mode overrides; the type defaults live with the proxy. */
final class ProxyOptionsResolver {

    private static final Set<String> PLACES = Set.of("header", "query", "cookie", "json", "basic");

    private ProxyOptionsResolver() {
    }

    static ProxyOptions resolve(String vendor, String prefix, VendorProperties properties) {
        return new ProxyOptions(injection(vendor, prefix + "session-injection.", properties.sessionInjection()),
                statuses(vendor, prefix + "session-expired-statuses", properties.sessionExpiredStatuses()));
    }

    private static @Nullable Injection injection(String vendor, String prefix, @Nullable SessionInjection injection) {
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
        return new Injection(in, name, injection.prefix());
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
