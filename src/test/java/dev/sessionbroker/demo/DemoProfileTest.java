package dev.sessionbroker.demo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.DemoBrokerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command: the demo profile serves sessions without any vendor account.
 * The emulators are addressed through server.port, so the test picks a free fixed port.
 */
class DemoProfileTest extends DemoBrokerFixture {

    @Test
    void alertSiteSessionComesFromTheBuiltInEmulator() {
        HttpResponse<String> response = this.http.get("/sessions/alertsite", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("[0-9a-f]{16}");
    }

    @Test
    void emulatorAnswersAWrongPasswordWithStatus40() {
        HttpResponse<String> response = this.http.post("/emulator/alertsite/login", "application/json",
                "{\"login\":\"demo@example.com\",\"password\":\"wrong\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"40\"").contains("Invalid login information.");
    }
}
