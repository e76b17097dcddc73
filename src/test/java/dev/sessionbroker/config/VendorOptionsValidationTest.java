package dev.sessionbroker.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.adapter.generic.GenericLogin;
import dev.sessionbroker.adapter.generic.GenericVendor;
import dev.sessionbroker.adapter.appviewx.AppViewXOptions;
import dev.sessionbroker.adapter.infiniteblue.InfiniteBlueOptions;
import dev.sessionbroker.adapter.infiniteblue.InfiniteBlueVendor;
import dev.sessionbroker.adapter.revulytics.RevulyticsOptions;

import static dev.sessionbroker.support.ConfiguredVendors.vendor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each type's own block (broker.vendors.<name>.<type>.*): bound as written, checked by the
 * type's constraints, refused on another type, and refused with vendor and key.
 */
class VendorOptionsValidationTest {

    @Test
    void typeDefaultsApply() {
        VendorSettings infiniteBlue = vendor("ib", entry("infiniteblue"));
        VendorSettings revulytics = vendor("rv", entry("revulytics"));

        assertThat(infiniteBlue.baseUrl()).hasToString("https://app.infiniteblue.com/rest/api");
        assertThat(infiniteBlue.idleTimeout()).isEqualTo(new InfiniteBlueVendor().defaultIdleTimeout());
        assertThat(revulytics.baseUrl()).hasToString("https://api.revulytics.com");
        assertThat(revulytics.options(RevulyticsOptions.class)).isEqualTo(new RevulyticsOptions(false));
        assertThat(infiniteBlue.options(InfiniteBlueOptions.class)).isEqualTo(new InfiniteBlueOptions(null, false));
    }

    @Test
    void vendorSpecificKeysBind() {
        Map<String, String> ib = entry("infiniteblue");
        ib.put("infiniteblue.customer-id", "12345");
        ib.put("infiniteblue.admin-fallback", "true");
        Map<String, String> avx = entry("appviewx");
        avx.put("base-url", "https://avx.example.com:31443/avxapi");
        avx.put("appviewx.gateway-source", "web");
        avx.put("appviewx.gateway-key", "tenant-key");
        avx.put("ssl-bundle", "avx-ca");

        VendorSettings infiniteBlue = vendor("ib", ib);
        VendorSettings appViewX = vendor("avx", avx);

        assertThat(infiniteBlue.options(InfiniteBlueOptions.class).customerId()).isEqualTo("12345");
        assertThat(infiniteBlue.options(InfiniteBlueOptions.class).adminFallback()).isTrue();
        assertThat(appViewX.options(AppViewXOptions.class).gatewaySource()).isEqualTo("web");
        assertThat(appViewX.options(AppViewXOptions.class).gatewayKey().reveal()).isEqualTo("tenant-key");
        assertThat(appViewX.sslBundle()).isEqualTo("avx-ca");
        assertThat(appViewX.toString()).doesNotContain("tenant-key").doesNotContain("pa55word");
    }

    @Test
    void appViewXNeedsABaseUrl() {
        assertRefused("avx", entry("appviewx"), "broker.vendors.avx.base-url", "is required");
    }

    @ParameterizedTest
    @CsvSource({ "alertsite, infiniteblue.customer-id, 12345, infiniteblue",
            "revulytics, infiniteblue.admin-fallback, true, infiniteblue",
            "infiniteblue, revulytics.use-cookies, true, revulytics", "alertsite, appviewx.gateway-key, k, appviewx" })
    void anotherTypesBlockIsRefused(String type, String key, String value, String expectedType) {
        Map<String, String> config = entry(type);
        config.put(key, value);

        assertRefused("v", config, "broker.vendors.v." + expectedType, "only applies to type " + expectedType);
    }

    /** The keys that were common to all types before each type owned its block. */
    @ParameterizedTest
    @CsvSource({ "infiniteblue, customer-id", "revulytics, use-cookies", "appviewx, gateway-key",
            "appviewx, gateway-source" })
    void aTypesKeyOutsideItsBlockIsAnUnknownKey(String type, String key) {
        Map<String, String> config = entry(type);
        config.put("base-url", "https://vendor.example.com/api");
        config.put(key, "x");

        assertThatExceptionOfType(BindException.class).isThrownBy(() -> vendor("v", config))
            .havingCause()
            .isInstanceOfSatisfying(UnboundConfigurationPropertiesException.class, (unbound) -> assertThat(
                    unbound.getUnboundProperties()).extracting((property) -> property.getName().toString())
                .containsExactly("broker.vendors.v." + key));
    }

    @Test
    void anUnknownKeyInATypesBlockIsRefused() {
        Map<String, String> config = entry("infiniteblue");
        config.put("infiniteblue.customer-idd", "12345");

        assertThatExceptionOfType(BindException.class).isThrownBy(() -> vendor("v", config))
            .havingCause()
            .isInstanceOfSatisfying(UnboundConfigurationPropertiesException.class, (unbound) -> assertThat(
                    unbound.getUnboundProperties()).extracting((property) -> property.getName().toString())
                .containsExactly("broker.vendors.v.infiniteblue.customer-idd"));
    }

    @Test
    void aTypesConstraintsAreCheckedNamingTheKeyButNotTheValue() {
        Map<String, String> config = entry("infiniteblue");
        config.put("infiniteblue.customer-id", "12\r\nX-Evil: 1".replace("\\r\\n", "\r\n"));

        assertRefused("v", config, "broker.vendors.v.infiniteblue.customer-id", "must not be blank when set");
    }

    @Test
    void malformedGatewaySourceIsRefused() {
        Map<String, String> config = entry("appviewx");
        config.put("base-url", "https://avx.example.com/avxapi");
        config.put("appviewx.gateway-source", "ext&gwkey=x");

        assertRefused("avx", config, "broker.vendors.avx.appviewx.gateway-source", "is not a gateway source");
    }

    @Test
    void genericWithoutItsBlockIsRefused() {
        assertRefused("g", generic(), "broker.vendors.g.generic.login-path", "is required");
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
        GenericLogin login = ((GenericVendor.GenericAdapter) vendor("g", validGeneric()).adapter()).login();

        assertThat(login.loginPath()).isEqualTo("/login");
        assertThat(login.usernameParam()).isEqualTo(new GenericLogin.Param(GenericLogin.Location.JSON, "login"));
        assertThat(login.sessionPointer()).hasToString("/metadata/session");
    }

    private static void assertRefused(String name, Map<String, String> config, String key, String problem) {
        assertThatExceptionOfType(InvalidVendorConfigurationException.class).isThrownBy(() -> vendor(name, config))
            .satisfies((ex) -> {
                assertThat(ex.vendor()).isEqualTo(name);
                assertThat(ex.key()).isEqualTo(key);
                assertThat(ex.getMessage()).contains(problem).doesNotContain("pa55word").doesNotContain("X-Evil");
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
