package dev.sessionbroker.proxy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.RawHttp;
import dev.sessionbroker.support.RawHttp.SlowUpload;
import dev.sessionbroker.support.SlowBodyFixture;
import dev.sessionbroker.support.StubbedAlertSite;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller trickling its proxy body costs only itself: the vendor's bulkhead permit is taken
 * once the body is in, so the vendor's other callers are not refused meanwhile. The fixture
 * gives each vendor one permit.
 */
class ProxySlowBodyTest extends SlowBodyFixture {

    @Test
    void aSlowProxyBodyDoesNotBlockAnotherCallersProxyCallToTheSameVendor() {
        StubbedAlertSite.stubLogins(vendor);
        vendor.stubFor(post(urlPathEqualTo("/alertsite/devices")).willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));
        try (SlowUpload slow = RawHttp.slowUpload(this.port, "POST", "/proxy/alertsite/devices", "application/json",
                1000, "{\"name\":\"", "Authorization: Bearer " + BILLING_TOKEN)) {

            HttpResponse<String> other = this.http.send(this.http.request("/proxy/alertsite/devices")
                .header("Authorization", "Bearer " + POLLER_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"web-check\"}"))
                .build());

            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
            vendor.verify(1, postRequestedFor(urlPathEqualTo("/alertsite/devices"))
                .withRequestBody(equalTo("{\"name\":\"web-check\"}")));
        }
    }
}
