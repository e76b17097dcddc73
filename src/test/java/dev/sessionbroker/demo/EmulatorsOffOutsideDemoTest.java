package dev.sessionbroker.demo;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.BrokerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the demo profile no emulator answers: they must never run in production. */
class EmulatorsOffOutsideDemoTest extends BrokerFixture {

    @Test
    void emulatorLoginIsNotServed() {
        int status = new BrokerHttp(this.port)
            .post("/emulator/alertsite/login", "application/json", "{\"login\":\"a\",\"password\":\"b\"}")
            .statusCode();

        assertThat(status).isEqualTo(404);
    }
}
