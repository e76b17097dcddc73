package dev.sessionbroker.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.security.Tokens;
import dev.sessionbroker.support.QuietOutput;

import static org.assertj.core.api.Assertions.assertThat;

/** One INFO line at start-up says what the broker serves: vendors, store, clients, address. */
@ExtendWith(QuietOutput.class)
class StartupSummaryTest {

    private static final String PASSWORD = "summary-pa55word";

    @Test
    void oneLineNamesVendorsStoreClientsAndAddress(CapturedOutput output) {
        int port;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionBrokerApplication.class)
            .run("--server.port=0", "--spring.main.banner-mode=off", "--management.server.port=0",
                    "--broker.vendors.revulytics.type=revulytics",
                    "--broker.vendors.revulytics.base-url=http://127.0.0.1:1/rv",
                    "--broker.vendors.revulytics.username=ops@example.com",
                    "--broker.vendors.revulytics.password=" + PASSWORD,
                    "--broker.vendors.alertsite.type=alertsite",
                    "--broker.vendors.alertsite.base-url=http://127.0.0.1:1/as",
                    "--broker.vendors.alertsite.username=ops@example.com",
                    "--broker.vendors.alertsite.password=" + PASSWORD,
                    "--broker.clients.billing.vendors=alertsite",
                    "--broker.clients.billing.token-sha256=" + Tokens.sha256Hex("billing-token"),
                    "--broker.clients.ops.admin=true",
                    "--broker.clients.ops.token-sha256=" + Tokens.sha256Hex("ops-token"))) {
            port = ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        List<String> lines = output.getAll().lines().filter((line) -> line.contains("session-broker ready")).toList();
        assertThat(lines).singleElement().asString()
            .contains(" INFO ")
            .endsWith("session-broker ready vendors=[alertsite, revulytics] store=local clients=2 address=127.0.0.1:"
                    + port)
            .doesNotContain(PASSWORD);
    }
}
