package dev.sessionbroker.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sessionbroker.support.BrokerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the demo profile no emulator answers: they must never run in production. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmulatorsOffOutsideDemoTest {

    @LocalServerPort
    int port;

    @Test
    void emulatorLoginIsNotServed() {
        int status = new BrokerHttp(this.port)
            .post("/emulator/alertsite/login", "application/json", "{\"login\":\"a\",\"password\":\"b\"}")
            .statusCode();

        assertThat(status).isEqualTo(404);
    }
}
