package dev.sessionbroker.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/** With the actuator on its own port, the same access rules hold there. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "broker.clients.ops.admin=true",
        "broker.clients.ops.token-sha256=" + ManagementPortTest.ADMIN_DIGEST })
class ManagementPortTest {

    static final String ADMIN_DIGEST = "1d3a8bd2f5ba8c7fe8e3c4ed53f8efbc3e7ea1ab3cdb4d4cc4c4fbd7bcf0cfa5";

    @LocalManagementPort
    int managementPort;

    @Test
    void probesAreOpenAndPrometheusNeedsAnAdminOnTheManagementPort() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        assertThat(http.send(request("/actuator/health/readiness"), HttpResponse.BodyHandlers.ofString())
            .statusCode()).isEqualTo(200);
        assertThat(http.send(request("/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(401);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path)).GET().build();
    }
}
