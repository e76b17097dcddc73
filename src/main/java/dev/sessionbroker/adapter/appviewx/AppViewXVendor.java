package dev.sessionbroker.adapter.appviewx;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.VendorAdapter;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorDefinition;
import dev.sessionbroker.adapter.VendorHttp;

/**
 * AppViewX (src/test/resources/vendor-docs/appviewx/): every installation has its own host, so there
 * is no default base URL; 15 minutes is the docs' request timeout period. A user's session
 * goes in the {@code sessionId} header of API calls; a service account's token, a JWT whose
 * {@code exp} bounds its life, in the {@code token} header. Multi-tenant installations take
 * the {@code gwkey} parameter on every call. A user with MFA logs in with a one-time password.
 */
@Component
public final class AppViewXVendor implements VendorDefinition<AppViewXOptions> {

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
    public Class<AppViewXOptions> optionsType() {
        return AppViewXOptions.class;
    }

    @Override
    public Set<String> credentialKeys() {
        return Set.of("gateway-key", "client-id", "client-secret");
    }

    @Override
    public boolean logsInWithPassword(AppViewXOptions options) {
        return !options.isServiceAccount();
    }

    @Override
    public VendorAdapter configure(String name, String prefix, AppViewXOptions options) {
        check(name, prefix, options);
        boolean serviceAccount = options.isServiceAccount();
        return new VendorAdapter() {

            @Override
            public VendorClient client(VendorSettings vendor, VendorHttp http) {
                return serviceAccount ? new AppViewXServiceAccountClient(vendor, http) : new AppViewXClient(vendor, http);
            }

            @Override
            public List<SessionPlacement> sessionPlacement(VendorSettings vendor) {
                SessionPlacement header = new SessionPlacement.Header(serviceAccount ? "token" : "sessionId", "");
                Secret gatewayKey = vendor.options(AppViewXOptions.class).gatewayKey();
                return (gatewayKey != null)
                        ? List.of(header, new SessionPlacement.FixedQueryParameter("gwkey", gatewayKey))
                        : List.of(header);
            }

            @Override
            public @Nullable Instant sessionEnd(String sessionId) {
                return serviceAccount ? ServiceToken.expiry(sessionId) : null;
            }
        };
    }

    /** What one key's constraint cannot say: keys that go together. */
    static void check(String name, String prefix, AppViewXOptions options) {
        if (options.gatewayKey() != null && options.gatewayKey().isBlank()) {
            throw new InvalidVendorConfigurationException(name, prefix + "gateway-key", "must not be blank when set");
        }
        if (options.isServiceAccount()) {
            if (options.clientId() == null) {
                throw new InvalidVendorConfigurationException(name, prefix + "client-id",
                        "is required with client-secret (a service account has both)");
            }
            if (options.clientSecret() == null || options.clientSecret().isBlank()) {
                throw new InvalidVendorConfigurationException(name, prefix + "client-secret",
                        "is required with client-id (a service account has both)");
            }
        }
    }
}
