package dev.sessionbroker.support;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.web.client.RestClient;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.config.VendorSettings.VendorOptions;
import dev.sessionbroker.vendor.VendorClient;
import dev.sessionbroker.vendor.VendorClients;
import dev.sessionbroker.vendor.VendorDefinition;
import tools.jackson.databind.json.JsonMapper;

/** Adapters built the way the application builds them, aimed at a stub. */
public final class TestVendors {

    private TestVendors() {
    }

    public static VendorSettings settings(String name, VendorDefinition type, String baseUrl, String username,
            String password) {
        return settings(name, type, baseUrl, username, password, UnaryOperator.identity());
    }

    /** Settings with some of the type-specific options changed from their defaults. */
    public static VendorSettings settings(String name, VendorDefinition type, String baseUrl, String username,
            String password, UnaryOperator<VendorOptions> options) {
        return new VendorSettings(name, type, URI.create(baseUrl), username, Secret.of(password),
                type.defaultIdleTimeout(), null, Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(60),
                Duration.ofSeconds(5), VendorSettings.RetrySettings.defaults(), null, options.apply(VendorOptions.defaults()),
                VendorSettings.ProxyOptions.defaults());
    }

    public static VendorSettings withSslBundle(VendorSettings base, String sslBundle) {
        return new VendorSettings(base.name(), base.definition(), base.baseUrl(), base.username(), base.password(),
                base.idleTimeout(), null, base.connectTimeout(), base.readTimeout(), base.rejectionCooldown(),
                base.minLoginInterval(), base.retry(), sslBundle, base.options(), base.proxy());
    }

    public static VendorClient client(VendorSettings settings) {
        return client(settings, new DefaultSslBundleRegistry());
    }

    public static VendorClient client(VendorSettings settings, SslBundles sslBundles) {
        return new VendorClients(RestClient.builder(), JsonMapper.builder().build(), sslBundles).create(settings);
    }
}
