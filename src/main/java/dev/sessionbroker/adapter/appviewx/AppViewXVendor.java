package dev.sessionbroker.adapter.appviewx;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorDefinition;
import dev.sessionbroker.adapter.VendorHttp;

/**
 * AppViewX (src/test/resources/vendor-docs/appviewx/): every installation has its own host, so there
 * is no default base URL; 15 minutes is the docs' request timeout period. API calls take the
 * {@code sessionId} header, and multi-tenant installations the {@code gwkey} parameter on
 * every call. Accounts with MFA log in with a one-time password.
 */
@Component
public final class AppViewXVendor implements VendorDefinition {

    private static final Pattern GATEWAY_SOURCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Override
    public String id() {
        return "appviewx";
    }

    @Override
    public @Nullable URI defaultBaseUrl() {
        return null;
    }

    @Override
    public Duration defaultIdleTimeout() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Set<String> ownKeys() {
        return Set.of("gateway-key");
    }

    @Override
    public VendorDefinition configure(String name, String prefix, VendorProperties properties) {
        String gatewaySource = properties.gatewaySource().trim();
        if (!GATEWAY_SOURCE.matcher(gatewaySource).matches()) {
            throw new InvalidVendorConfigurationException(name, prefix + "gateway-source",
                    "'" + gatewaySource + "' is not a gateway source: use letters, digits, '-' or '_' (e.g. external)");
        }
        return this;
    }

    @Override
    public VendorClient client(VendorSettings vendor, VendorHttp http) {
        return new AppViewXClient(vendor, http);
    }

    @Override
    public List<SessionPlacement> sessionPlacement(VendorSettings vendor) {
        SessionPlacement header = new SessionPlacement.Header("sessionId", "");
        Secret gatewayKey = vendor.gatewayKey();
        return (gatewayKey != null) ? List.of(header, new SessionPlacement.FixedQueryParameter("gwkey", gatewayKey))
                : List.of(header);
    }
}
