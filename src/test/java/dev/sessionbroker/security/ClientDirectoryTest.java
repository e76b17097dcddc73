package dev.sessionbroker.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.support.ConfiguredVendors;
import dev.sessionbroker.adapter.Vendors;

import static org.assertj.core.api.Assertions.assertThat;

/** The token index: a token finds its client by digest; anything else finds nobody. */
class ClientDirectoryTest {

    private final ClientDirectory directory = directory(Map.of(
            "broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token"),
            "broker.clients.billing.vendors", "alertsite",
            "broker.clients.ops.token-sha256", Tokens.sha256Hex("ops-token").toUpperCase(),
            "broker.clients.ops.vendors", "*",
            "broker.clients.ops.admin", "true"));

    @Test
    void tokenFindsItsClient() {
        assertThat(this.directory.authenticate("billing-token")).extracting(BrokerClient::name).isEqualTo("billing");
        assertThat(this.directory.authenticate("ops-token")).extracting(BrokerClient::name).isEqualTo("ops");
    }

    @Test
    void anyOtherTokenFindsNobody() {
        for (String token : List.of("", "billing-token ", "Billing-token", "ops", Tokens.sha256Hex("billing-token"))) {
            assertThat(this.directory.authenticate(token)).as(token).isNull();
        }
    }

    @Test
    void starMeansEveryVendorAndAdminMayManageAny() {
        BrokerClient ops = this.directory.loadUserByUsername("ops");
        BrokerClient billing = this.directory.loadUserByUsername("billing");

        assertThat(ops.mayUse("alertsite")).isTrue();
        assertThat(billing.mayUse("alertsite")).isTrue();
        assertThat(billing.mayUse("other")).isFalse();
        assertThat(billing.mayManage("other")).isFalse();
        assertThat(new BrokerClient("admin", Set.of(), false, true).mayManage("other")).isTrue();
    }

    /**
     * A timing-safe comparison cannot be proven by measuring on a shared machine; the test
     * makes sure the code uses one.
     */
    @Test
    void digestsAreComparedInConstantTime() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/sessionbroker/security/ClientDirectory.java"));

        assertThat(source).contains("MessageDigest.isEqual(").doesNotContain("Arrays.equals(");
    }

    private static ClientDirectory directory(Map<String, String> clients) {
        Map<String, String> all = new HashMap<>(clients);
        all.putAll(Map.of("broker.vendors.alertsite.type", "alertsite", "broker.vendors.alertsite.username", "u",
                "broker.vendors.alertsite.password", "p", "broker.vendors.other.type", "alertsite",
                "broker.vendors.other.username", "u", "broker.vendors.other.password", "p"));
        Binder binder = new Binder(new MapConfigurationPropertySource(all));
        Vendors vendors = ConfiguredVendors.from(all);
        return ClientDirectory.from(binder.bind("broker", BrokerProperties.class).get(), vendors, false);
    }
}
