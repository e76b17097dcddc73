package dev.sessionbroker.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.support.QuietOutput;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad client configuration stops the start-up, and the report names the client and the key
 * to fix — without echoing what was put in token-sha256, which may be a pasted token.
 */
@ExtendWith(QuietOutput.class)
class ClientConfigurationStartupTest {

    private static final String DIGEST = Tokens.sha256Hex("some-token");

    @Test
    void tokenThatIsNotADigestNamesClientAndKeyWithoutEchoingIt(CapturedOutput output) {
        String pasted = "plain-token-pasted-by-mistake";
        assertStartupFails(output, client("billing", pasted, "alertsite"), "Client 'billing'",
                "broker.clients.billing.token-sha256", "sha256sum");
        assertThat(output.getAll()).doesNotContain(pasted);
    }

    @Test
    void missingTokenNamesClientAndKey(CapturedOutput output) {
        assertStartupFails(output, List.of("broker.clients.billing.vendors=alertsite"), "Client 'billing'",
                "broker.clients.billing.token-sha256", "is required");
    }

    @Test
    void unknownVendorNamesClientKeyAndConfiguredVendors(CapturedOutput output) {
        assertStartupFails(output, client("billing", DIGEST, "alertsite,salesforce"), "Client 'billing'",
                "broker.clients.billing.vendors[1]", "'salesforce' is not a configured vendor", "[alertsite]");
    }

    @Test
    void missingVendorsOfANonAdminClientNamesClientAndKey(CapturedOutput output) {
        assertStartupFails(output, List.of("broker.clients.billing.token-sha256=" + DIGEST), "Client 'billing'",
                "broker.clients.billing.vendors", "\"*\"");
    }

    @Test
    void starMixedWithVendorNamesIsRefused(CapturedOutput output) {
        assertStartupFails(output, client("billing", DIGEST, "*,alertsite"), "broker.clients.billing.vendors",
                "either \"*\" or a list");
    }

    @Test
    void twoClientsWithOneTokenAreRefused(CapturedOutput output) {
        List<String> properties = new ArrayList<>(client("billing", DIGEST, "alertsite"));
        properties.addAll(client("reports", DIGEST, "alertsite"));
        assertStartupFails(output, properties, "broker.clients.reports.token-sha256", "client 'billing'");
    }

    @Test
    void anUnresolvedTokenDigestPlaceholderNamesClientAndKey(CapturedOutput output) {
        assertStartupFails(output, client("billing", "${BROKER_TEST_UNSET_DIGEST_7F3}", "alertsite"), "Client 'billing'",
                "broker.clients.billing.token-sha256", "unresolved ${…} placeholder");
        assertThat(output.getAll()).doesNotContain("BROKER_TEST_UNSET_DIGEST_7F3");
    }

    @Test
    void aMisspeltClientKeyNamesClientAndKey(CapturedOutput output) {
        List<String> properties = new ArrayList<>(client("billing", DIGEST, "alertsite"));
        properties.add("broker.clients.billing.admn=true");
        assertStartupFails(output, properties, "Client 'billing': broker.clients.billing.admn is not a known key");
    }

    @Test
    void moreThanTwoTokenDigestsAreRefused(CapturedOutput output) {
        assertStartupFails(output, client("billing", DIGEST + "," + Tokens.sha256Hex("b") + "," + Tokens.sha256Hex("c"),
                "alertsite"), "broker.clients.billing.token-sha256", "at most two");
    }

    @Test
    void badClientNameIsNamed(CapturedOutput output) {
        assertStartupFails(output, client("Billing_EU", DIGEST, "alertsite"), "Billing_EU",
                "not a valid client name");
    }

    @Test
    void reservedClientNameIsRefused(CapturedOutput output) {
        assertStartupFails(output, client("anonymous", DIGEST, "alertsite"), "broker.clients.anonymous", "reserved");
    }

    @Test
    void subjectWithoutAnIssuerNamesTheKeyAndWhatTurnsJwtsOn(CapturedOutput output) {
        assertStartupFails(output, List.of("broker.clients.payroll.subject=system:serviceaccount:payroll:app",
                "broker.clients.payroll.vendors=alertsite"), "Client 'payroll'", "broker.clients.payroll.subject",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }

    @Test
    void jwtsWithoutAnAudienceAreRefused(CapturedOutput output) {
        assertStartupFails(output, List.of("broker.clients.payroll.subject=system:serviceaccount:payroll:app",
                "broker.clients.payroll.vendors=alertsite",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/keys"),
                "spring.security.oauth2.resourceserver.jwt.audiences is empty", "whatever service it was meant for");
    }

    @Test
    void twoClientsWithOneSubjectAreRefused(CapturedOutput output) {
        assertStartupFails(output, List.of("broker.clients.payroll.subject=system:serviceaccount:payroll:app",
                "broker.clients.payroll.vendors=alertsite",
                "broker.clients.reports.subject=system:serviceaccount:payroll:app",
                "broker.clients.reports.vendors=alertsite",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/keys",
                "spring.security.oauth2.resourceserver.jwt.audiences=session-broker"),
                "broker.clients.reports.subject", "client 'payroll'");
    }

    private static List<String> client(String name, String digest, String vendors) {
        return List.of("broker.clients." + name + ".token-sha256=" + digest,
                "broker.clients." + name + ".vendors=" + vendors);
    }

    private static void assertStartupFails(CapturedOutput output, List<String> clientProperties, String... expected) {
        List<String> properties = new ArrayList<>(List.of("broker.vendors.alertsite.type=alertsite",
                "broker.vendors.alertsite.username=ops@example.com", "broker.vendors.alertsite.password=secret-pw"));
        properties.addAll(clientProperties);
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(SessionBrokerApplication.class)
            .web(WebApplicationType.NONE)
            .properties(properties.toArray(String[]::new))
            .run()
            .close());
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(expected);
    }
}
