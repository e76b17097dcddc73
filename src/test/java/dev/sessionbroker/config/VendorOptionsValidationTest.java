package dev.sessionbroker.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.adapter.generic.GenericLogin;
import dev.sessionbroker.adapter.generic.GenericVendor;
import dev.sessionbroker.adapter.infiniteblue.InfiniteBlueVendor;

import static dev.sessionbroker.support.ConfiguredVendors.vendor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Vendor-specific keys and the generic block: bound as written, refused with vendor and key. */
class VendorOptionsValidationTest {

    @Test
    void typeDefaultsApply() {
        VendorSettings infiniteBlue = vendor("ib", entry("infiniteblue"));
        VendorSettings revulytics = vendor("rv", entry("revulytics"));

        assertThat(infiniteBlue.baseUrl()).hasToString("https://app.infiniteblue.com/rest/api");
        assertThat(infiniteBlue.idleTimeout()).isEqualTo(new InfiniteBlueVendor().defaultIdleTimeout());
        assertThat(revulytics.baseUrl()).hasToString("https://api.revulytics.com");
        assertThat(revulytics.options())
            .isEqualTo(new VendorSettings.VendorOptions(null, false, false, "external"));
    }

    @Test
    void vendorSpecificKeysBind() {
        Map<String, String> ib = entry("infiniteblue");
        ib.put("customer-id", "12345");
        ib.put("admin-fallback", "true");
        Map<String, String> avx = entry("appviewx");
        avx.put("base-url", "https://avx.example.com:31443/avxapi");
        avx.put("gateway-source", "web");
        avx.put("gateway-key", "tenant-key");
        avx.put("ssl-bundle", "avx-ca");

        VendorSettings infiniteBlue = vendor("ib", ib);
        VendorSettings appViewX = vendor("avx", avx);

        assertThat(infiniteBlue.options().customerId()).isEqualTo("12345");
        assertThat(infiniteBlue.options().adminFallback()).isTrue();
        assertThat(appViewX.options().gatewaySource()).isEqualTo("web");
        assertThat(appViewX.gatewayKey().reveal()).isEqualTo("tenant-key");
        assertThat(appViewX.sslBundle()).isEqualTo("avx-ca");
        assertThat(appViewX.toString()).doesNotContain("tenant-key").doesNotContain("pa55word");
    }

    @Test
    void appViewXNeedsABaseUrl() {
        assertRefused("avx", entry("appviewx"), "broker.vendors.avx.base-url", "is required");
    }

    @ParameterizedTest
    @CsvSource({ "alertsite, customer-id, 12345, infiniteblue", "revulytics, admin-fallback, true, infiniteblue",
            "infiniteblue, use-cookies, true, revulytics", "alertsite, gateway-key, k, appviewx" })
    void vendorSpecificKeyOnAnotherTypeIsRefused(String type, String key, String value, String expectedType) {
        Map<String, String> config = entry(type);
        config.put(key, value);

        assertRefused("v", config, "broker.vendors.v." + key, "only applies to type " + expectedType);
    }

    @Test
    void malformedGatewaySourceIsRefused() {
        Map<String, String> config = entry("appviewx");
        config.put("base-url", "https://avx.example.com/avxapi");
        config.put("gateway-source", "ext&gwkey=x");

        assertRefused("avx", config, "broker.vendors.avx.gateway-source", "is not a gateway source");
    }

    @Test
    void genericWithoutItsBlockIsRefused() {
        assertRefused("g", generic(), "broker.vendors.g.generic", "is required for type generic");
    }

    @Test
    void genericBlockOnAnotherTypeIsRefused() {
        Map<String, String> config = entry("alertsite");
        config.put("generic.login-path", "/login");

        assertRefused("a", config, "broker.vendors.a.generic", "only applies to type generic");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "generic.login-path|login|generic.login-path|must be a path starting with '/'",
            "generic.method|DELETE|generic.method|must be POST, PUT or GET",
            "generic.method|GET|generic.method|GET cannot carry a json or form body",
            "generic.username-param.in|body|generic.username-param.in|is not one of: json, form, header, query",
            "generic.password-param.in|form|generic.password-param.in|must match username-param.in",
            "generic.session-pointer|metadata/session|generic.session-pointer|is not a JSON pointer",
            "generic.session-cookie|JSESSIONID|generic.session-pointer|exactly one of session-pointer and session-cookie",
            "generic.success-value|0|generic.success-value|success-pointer and success-value must be set together",
            "generic.success-status|401|generic.success-status|must be a 2xx HTTP status" })
    void invalidGenericBlockIsRefusedNamingTheKey(String key, String value, String reportedKey, String problem) {
        Map<String, String> config = validGeneric();
        config.put(key, value);

        assertRefused("g", config, "broker.vendors.g." + reportedKey, problem);
    }

    @Test
    void genericCredentialWithoutNameIsRefused() {
        Map<String, String> config = validGeneric();
        config.remove("generic.password-param.name");

        assertRefused("g", config, "broker.vendors.g.generic.password-param", "needs both 'in'");
    }

    @Test
    void validGenericBlockResolves() {
        GenericLogin login = ((GenericVendor) vendor("g", validGeneric()).definition()).login();

        assertThat(login.loginPath()).isEqualTo("/login");
        assertThat(login.usernameParam()).isEqualTo(new GenericLogin.Param(GenericLogin.Location.JSON, "login"));
        assertThat(login.sessionPointer()).hasToString("/metadata/session");
    }

    private static void assertRefused(String name, Map<String, String> config, String key, String problem) {
        assertThatExceptionOfType(InvalidVendorConfigurationException.class).isThrownBy(() -> vendor(name, config))
            .satisfies((ex) -> {
                assertThat(ex.vendor()).isEqualTo(name);
                assertThat(ex.key()).isEqualTo(key);
                assertThat(ex.getMessage()).contains(problem).doesNotContain("pa55word");
            });
    }

    private static Map<String, String> entry(String type) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("type", type);
        config.put("username", "ops@example.com");
        config.put("password", "pa55word");
        return config;
    }

    private static Map<String, String> generic() {
        Map<String, String> config = entry("generic");
        config.put("base-url", "https://vendor.example.com/api");
        return config;
    }

    private static Map<String, String> validGeneric() {
        Map<String, String> config = generic();
        config.put("generic.login-path", "/login");
        config.put("generic.username-param.in", "json");
        config.put("generic.username-param.name", "login");
        config.put("generic.password-param.in", "json");
        config.put("generic.password-param.name", "password");
        config.put("generic.session-pointer", "/metadata/session");
        return config;
    }
}
