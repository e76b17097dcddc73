package dev.sessionbroker.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.StubbedAlertSite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3: a password never shows in an actuator endpoint or a log line, even with the
 * endpoints that list configuration exposed (they are not by default).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayHiddenTest extends BrokerFixture {

    @BeforeEach
    void setUp() {
        StubbedAlertSite.stubLogins(vendor);
        this.http.get("/sessions/alertsite");
        this.http.get("/sessions/alertsite-rejected");
    }

    @Test
    void noActuatorEndpointShowsThePassword() {
        for (String path : new String[] { "/actuator/health", "/actuator/env", "/actuator/configprops",
                "/actuator/prometheus", "/actuator/metrics", "/actuator/info" }) {
            var answer = this.http.get(path);
            // /actuator/health answers 503 here: alertsite-rejected is DOWN.
            assertThat(answer.statusCode()).as(path).isIn(200, 503);
            assertThat(answer.body()).as(path).doesNotContain(PASSWORD);
        }
    }

    @Test
    void configurationEndpointsMaskValuesByDefault() {
        assertThat(this.http.get("/actuator/env/broker.vendors.alertsite.password").body()).contains("******");
        assertThat(this.http.get("/actuator/configprops/broker").body()).contains("******");
    }

    @Test
    void logsNeverShowThePassword(CapturedOutput output) {
        this.http.postEmpty("/sessions/alertsite/refresh");

        assertThat(output.getAll()).contains("login vendor=alertsite outcome=success")
            .contains("login vendor=alertsite-rejected outcome=rejected")
            .doesNotContain(PASSWORD);
    }
}
