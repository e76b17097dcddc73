package dev.sessionbroker.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.web.client.RestClient;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorClients;
import dev.sessionbroker.adapter.VendorDefinition;
import tools.jackson.databind.json.JsonMapper;

/** Adapters built the way the application builds them, aimed at a stub. */
public final class TestVendors {

    private TestVendors() {
    }

    public static VendorSettings settings(String name, VendorDefinition<?> type, String baseUrl, String username,
            String password) {
        return settings(name, type, baseUrl, username, password, Map.of());
    }

    /**
     * Settings bound from the keys an operator writes, with short timeouts for a stub.
     * @param more further keys below {@code broker.vendors.<name>.}, e.g. {@code revulytics.use-cookies}
     */
    public static VendorSettings settings(String name, VendorDefinition<?> type, String baseUrl, String username,
            String password, Map<String, String> more) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("type", type.id());
        keys.put("base-url", baseUrl);
        keys.put("username", username);
        keys.put("password", password);
        keys.put("connect-timeout", "2s");
        keys.put("read-timeout", "500ms");
        keys.putAll(more);
        return ConfiguredVendors.vendor(name, keys);
    }

    public static VendorClient client(VendorSettings settings) {
        return client(settings, new DefaultSslBundleRegistry());
    }

    public static VendorClient client(VendorSettings settings, SslBundles sslBundles) {
        return new VendorClients(RestClient.builder(), JsonMapper.builder().build(), sslBundles).create(settings);
    }
}
