package dev.sessionbroker.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.StubbedAlertSite;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §7: one health component per vendor, from the broker's state, apart from the probes. */
class VendorHealthEndpointTest extends BrokerFixture {

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        StubbedAlertSite.stubLogins(vendor);
    }

    @Test
    void vendorWithASessionIsUpWithTypeSessionAndLastLogin() {
        assertThat(this.http.get("/sessions/alertsite").statusCode()).isEqualTo(200);

        JsonNode vendor = vendorHealth("alertsite");

        assertThat(vendor.at("/status").asString()).isEqualTo("UP");
        assertThat(vendor.at("/details/type").asString()).isEqualTo("alertsite");
        assertThat(vendor.at("/details/session").asString()).isEqualTo("cached");
        assertThat(vendor.at("/details/lastLoginAt").asString()).isNotBlank();
        assertThat(vendor.at("/details/sessionExpiresAt").asString()).isNotBlank();
    }

    @Test
    void vendorNeverAskedForIsUpWithNoSession() {
        JsonNode vendor = vendorHealth("alertsite-idle");

        assertThat(vendor.at("/status").asString()).isEqualTo("UP");
        assertThat(vendor.at("/details/session").asString()).isEqualTo("none");
        assertThat(vendor.at("/details").has("lastLoginAt")).isFalse();
        assertThat(vendor.at("/details").has("lastError")).isFalse();
    }

    @Test
    void vendorThatRejectedTheLoginIsDownWithTheVendorsStatusAndMessage() {
        // 502 for the rejection itself, 503 if another test already started the cool-down.
        assertThat(this.http.get("/sessions/alertsite-rejected").statusCode()).isIn(502, 503);

        JsonNode vendor = vendorHealth("alertsite-rejected");

        assertThat(vendor.at("/status").asString()).isEqualTo("DOWN");
        assertThat(vendor.at("/details/coolDownUntil").isMissingNode()).isFalse();
        assertThat(vendor.at("/details/session").asString()).isEqualTo("none");
        assertThat(vendor.at("/details/lastError/kind").asString()).isEqualTo("rejected");
        assertThat(vendor.at("/details/lastError/vendorStatus").asString()).isEqualTo("40");
        assertThat(vendor.at("/details/lastError/message").asString()).contains("Invalid login information.");
    }

    @Test
    void livenessAndReadinessStayUpWhileAVendorIsDown() {
        this.http.get("/sessions/alertsite-rejected");
        assertThat(vendorHealth("alertsite-rejected").at("/status").asString()).isEqualTo("DOWN");

        for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
            var answer = this.http.get(probe);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(read(answer.body()).at("/status").asString()).as(probe).isEqualTo("UP");
            assertThat(answer.body()).as(probe).doesNotContain("vendors").doesNotContain("alertsite");
        }
    }

    @Test
    void healthChecksNeverCallAVendor() {
        vendor.resetRequests();

        this.http.get("/actuator/health");
        this.http.get("/actuator/health/vendors");
        this.http.get("/actuator/health/vendors/alertsite-idle");
        this.http.get("/actuator/health/liveness");
        this.http.get("/actuator/health/readiness");

        vendor.verify(0, anyRequestedFor(anyUrl()));
    }

    private JsonNode vendorHealth(String vendor) {
        var answer = this.http.get("/actuator/health");
        return read(answer.body()).at("/components/vendors/components/" + vendor);
    }

    private JsonNode read(String body) {
        return this.json.readTree(body);
    }
}
