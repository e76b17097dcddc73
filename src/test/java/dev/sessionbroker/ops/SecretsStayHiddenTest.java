package dev.sessionbroker.ops;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.StubbedAlertSite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3: a password never shows in an actuator endpoint or a log line, even with the
 * endpoints that list configuration exposed (they are not by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health,info,metrics,prometheus,env,configprops")
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayHiddenTest {

    private static final String PASSWORD = "Pa55-hidden-4f7c2e";

    @RegisterExtension
    static WireMockExtension alertSite = StubbedAlertSite.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        StubbedAlertSite.registerVendors(registry, alertSite, PASSWORD);
    }

    @LocalServerPort
    int port;

    BrokerHttp http;

    @BeforeEach
    void setUp() {
        this.http = new BrokerHttp(this.port);
        StubbedAlertSite.stubLogins(alertSite);
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
