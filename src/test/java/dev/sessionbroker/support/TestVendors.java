package dev.sessionbroker.support;

import java.net.URI;
import java.time.Duration;

import org.springframework.web.client.RestClient;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.vendor.VendorClient;
import dev.sessionbroker.vendor.VendorClients;
import dev.sessionbroker.vendor.VendorType;
import tools.jackson.databind.json.JsonMapper;

/** Adapters built the way the application builds them, aimed at a stub. */
public final class TestVendors {

    private TestVendors() {
    }

    public static VendorSettings settings(String name, VendorType type, String baseUrl, String username,
            String password) {
        return new VendorSettings(name, type, URI.create(baseUrl), username, Secret.of(password),
                type.defaultIdleTimeout(), null, Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(60),
                VendorSettings.RetrySettings.defaults());
    }

    public static VendorClient client(VendorSettings settings) {
        return new VendorClients(RestClient.builder(), JsonMapper.builder().build()).create(settings);
    }
}
