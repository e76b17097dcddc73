package dev.sessionbroker.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.security.Tokens;

/**
 * The {@link BrokerFixture} broker with callers configured, as a deployment runs it: no
 * anonymous access, each client with its bearer token and its vendors. Every class extending
 * this one shares a second application context.
 * <ul>
 * <li>{@code billing} and {@code poller}: {@code alertsite};</li>
 * <li>{@code reports} and {@code outsider}: {@code other};</li>
 * <li>{@code ops}: admin, no vendor.</li>
 * </ul>
 * Tests that read coalesced audit lines keep to a client of their own, so that lines an
 * earlier test's hand-outs left behind are not counted.
 */
public abstract class BrokerWithClientsFixture extends BrokerFixture {

    public static final String BILLING_TOKEN = "billing-6f1d0c6e4a9b2f7d";

    public static final String POLLER_TOKEN = "poller-5b7d9f1e3a2c4b6d";

    public static final String REPORTS_TOKEN = "reports-0a8b3c2d1e4f5a6b";

    public static final String OUTSIDER_TOKEN = "outsider-8e6c4a2b0d1f3e5a";

    public static final String ADMIN_TOKEN = "admin-9c7e5a3b1d2f4e6a";

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        client(registry, "billing", BILLING_TOKEN).add("broker.clients.billing.vendors", () -> "alertsite");
        client(registry, "poller", POLLER_TOKEN).add("broker.clients.poller.vendors", () -> "alertsite");
        client(registry, "reports", REPORTS_TOKEN).add("broker.clients.reports.vendors[0]", () -> "other");
        client(registry, "outsider", OUTSIDER_TOKEN).add("broker.clients.outsider.vendors", () -> "other");
        client(registry, "ops", ADMIN_TOKEN).add("broker.clients.ops.admin", () -> "true");
    }

    private static DynamicPropertyRegistry client(DynamicPropertyRegistry registry, String name, String token) {
        registry.add("broker.clients." + name + ".token-sha256", () -> Tokens.sha256Hex(token));
        return registry;
    }
}
