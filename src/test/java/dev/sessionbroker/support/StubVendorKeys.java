package dev.sessionbroker.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The keys an operator writes for one vendor, aimed at a stub that serves it below
 * {@code <stub>/<name>}: logging in as {@code ops@example.com}, back to back (pacing has its own
 * tests; {@code min-login-interval=...} among the further keys brings it back).
 */
public final class StubVendorKeys {

    public static final String USERNAME = "ops@example.com";

    private StubVendorKeys() {
    }

    /**
     * @param more further keys below {@code broker.vendors.<name>.}, as {@code key=value}
     * @return full property names and their values
     */
    public static Map<String, String> of(String name, String type, String stub, String password, String... more) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("type", type);
        keys.put("base-url", stub + "/" + name);
        keys.put("username", USERNAME);
        keys.put("password", password);
        keys.put("min-login-interval", "0");
        for (String pair : more) {
            String[] split = pair.split("=", 2);
            keys.put(split[0], split[1]);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        keys.forEach((key, value) -> properties.put("broker.vendors." + name + "." + key, value));
        return properties;
    }

    public static void register(DynamicPropertyRegistry registry, Map<String, String> properties) {
        properties.forEach((key, value) -> registry.add(key, () -> value));
    }

    /** As {@code key=value} strings, for a context started by hand. */
    public static List<String> asPairs(Map<String, String> properties) {
        return properties.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList();
    }
}
