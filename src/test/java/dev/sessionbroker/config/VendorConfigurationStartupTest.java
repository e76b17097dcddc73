package dev.sessionbroker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.support.ConfiguredVendors;
import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.support.QuietOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad vendor configuration stops start-up, and the report an operator reads names the
 * vendor and the key to fix.
 */
@ExtendWith(QuietOutput.class)
class VendorConfigurationStartupTest {

    private static final String SECRET = "hunter2-top-secret";

    @Test
    void missingPasswordNamesVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, List.of("broker.vendors.billing.type=alertsite", "broker.vendors.billing.username=u"),
                "billing", "broker.vendors.billing.password");
    }

    @Test
    void missingUsernameNamesVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, List.of("broker.vendors.billing.type=alertsite",
                "broker.vendors.billing.password=" + SECRET), "billing", "broker.vendors.billing.username");
    }

    @Test
    void missingTypeNamesVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "type", null), "billing", "broker.vendors.billing.type");
    }

    @Test
    void unknownTypeNamesVendorKeyAndKnownTypes(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "type", "salesforce"), "billing",
                "broker.vendors.billing.type", "'salesforce' is not a known vendor type", "alertsite");
    }

    @Test
    void malformedUrlNamesVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "base-url", "ht!tp://exa mple"), "billing",
                "broker.vendors.billing.base-url");
    }

    @Test
    void urlWithoutHttpSchemeNamesVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "base-url", "ftp://files.example.com"), "billing",
                "broker.vendors.billing.base-url");
    }

    @Test
    void urlWithCredentialsIsRefusedWithoutEchoingThem(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "base-url", "https://ops:" + SECRET + "@example.com"),
                "billing", "broker.vendors.billing.base-url", "must not contain credentials");
    }

    @Test
    void badVendorNameIsNamed(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing_EU", "type", "alertsite"), "billing_EU",
                "not a valid vendor name");
    }

    @Test
    void malformedDurationNamesVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "idle-timeout", "fifteen minutes"),
                "broker.vendors.billing.idle-timeout");
    }

    @Test
    void zeroTimeoutNamesVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "read-timeout", "0s"), "billing",
                "broker.vendors.billing.read-timeout", "positive");
    }

    @Test
    void retryAttemptsOutOfRangeNameVendorAndKey(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "retry.max-attempts", "0"), "billing",
                "broker.vendors.billing.retry.max-attempts");
    }

    @Test
    void anUnresolvedPasswordPlaceholderNamesVendorAndKeyButNotTheVariable(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "password", "${BROKER_TEST_UNSET_PASSWORD_7F3}"), "billing",
                "broker.vendors.billing.password", "unresolved ${…} placeholder");
        assertThat(output.getAll()).doesNotContain("BROKER_TEST_UNSET_PASSWORD_7F3");
    }

    @Test
    void aPartlyUnresolvedPasswordIsRefusedWithoutEchoingTheResolvedPart(CapturedOutput output) {
        assertStartupFails(output, validExcept("billing", "password", SECRET + "${BROKER_TEST_UNSET_SUFFIX_7F3}"),
                "broker.vendors.billing.password", "unresolved");
    }

    @Test
    void anUnresolvedGatewayKeyOrUsernameNamesVendorAndKey(CapturedOutput output) {
        List<String> appViewX = List.of("broker.vendors.avx.type=appviewx", "broker.vendors.avx.base-url=https://avx.example.com",
                "broker.vendors.avx.username=ops", "broker.vendors.avx.password=" + SECRET,
                "broker.vendors.avx.appviewx.gateway-key=${BROKER_TEST_UNSET_GWKEY_7F3}");
        assertStartupFails(output, appViewX, "avx", "broker.vendors.avx.appviewx.gateway-key", "unresolved");
        assertStartupFails(output, validExcept("billing", "username", "${BROKER_TEST_UNSET_USER_7F3}"),
                "broker.vendors.billing.username", "unresolved");
    }

    @Test
    void misspeltOptionalKeysNameVendorAndKey(CapturedOutput output) {
        List<String> properties = new ArrayList<>(validExcept("billing", "idle-timout", "5m"));
        properties.add("broker.vendors.billing.retry.max-attempt=2");
        assertStartupFails(output, properties, "Vendor 'billing': broker.vendors.billing.idle-timout is not a known key",
                "Vendor 'billing': broker.vendors.billing.retry.max-attempt is not a known key");
    }

    @Test
    void aMisspeltSecretKeyIsNamedWithoutItsValue(CapturedOutput output) {
        List<String> properties = new ArrayList<>(validExcept("billing", "password", "the-real-one-is-below"));
        properties.add("broker.vendors.billing.pasword=" + SECRET);
        assertStartupFails(output, properties, "broker.vendors.billing.pasword is not a known key");
    }

    @Test
    void anUnknownKeyOutsideVendorsAndClientsIsNamed(CapturedOutput output) {
        List<String> properties = new ArrayList<>(validExcept("billing", "type", "alertsite"));
        properties.add("broker.proxy.max-replay-bdy=2MB");
        assertStartupFails(output, properties, "broker.proxy.max-replay-bdy is not a known key");
    }

    @Test
    void typeDefaultsApplyWhereKeysAreLeftOut() {
        VendorSettings settings = ConfiguredVendors.from(Map.of("broker.vendors.billing.type", "alertsite",
                "broker.vendors.billing.username", "u", "broker.vendors.billing.password", SECRET)).find("billing");

        assertThat(settings).isNotNull();
        assertThat(settings.baseUrl()).hasToString("https://www.alertsite.com/alertsite-restapi");
        assertThat(settings.idleTimeout()).hasMinutes(15);
        assertThat(settings.maxLifetime()).isNull();
        assertThat(settings.rejectionCooldown()).hasSeconds(60);
        assertThat(settings.retry().maxAttempts()).isEqualTo(3);
        assertThat(settings.toString()).doesNotContain(SECRET);
    }

    private static List<String> validExcept(String vendor, String key, String value) {
        List<String> properties = new ArrayList<>();
        for (String[] entry : new String[][] { { "type", "alertsite" }, { "username", "ops@example.com" },
                { "password", SECRET } }) {
            if (!entry[0].equals(key)) {
                properties.add("broker.vendors." + vendor + "." + entry[0] + "=" + entry[1]);
            }
        }
        if (value != null) {
            properties.add("broker.vendors." + vendor + "." + key + "=" + value);
        }
        return properties;
    }

    private static void assertStartupFails(CapturedOutput output, List<String> properties, String... expected) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(SessionBrokerApplication.class)
            .web(WebApplicationType.NONE)
            .properties(properties.toArray(String[]::new))
            .run()
            .close());
        // What the operator sees: Spring Boot's failure report, not a stack trace to dig through.
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(expected)
            .doesNotContain(SECRET);
    }
}
