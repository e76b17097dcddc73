package dev.sessionbroker.proxy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.BrokerHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form bodies are the caller's data for the vendor, never parameters for the broker: on every
 * method they reach the vendor byte for byte, undecoded, with their {@code Content-Length}
 * (issue 14 F4). Before, Spring's FormContentFilter consumed PUT, PATCH and DELETE forms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProxyFormBodyTest {

    /** Repeated and empty fields, escapes, and "%zz", which no form decoder accepts. */
    private static final String FORM = "name=a%20b+c&x=1&x=2&empty=&euro=%E2%82%AC";

    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("broker.vendors.alertsite.type", () -> "alertsite");
        registry.add("broker.vendors.alertsite.base-url", () -> vendor.baseUrl() + "/alertsite/api");
        registry.add("broker.vendors.alertsite.username", () -> "[email protected]");
        registry.add("broker.vendors.alertsite.password", () -> "form-pass");
    }

    @LocalServerPort
    int port;

    private BrokerHttp http;

    @BeforeEach
    void setUp() {
        this.http = new BrokerHttp(this.port);
        vendor.stubFor(post("/alertsite/api/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(any(urlPathEqualTo("/alertsite/api/settings"))
            .willReturn(okJson("{\"metadata\":{\"status\":\"0\"}}")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT", "PATCH", "DELETE", "POST" })
    void formBodyReachesTheVendorByteForByte(String method) {
        HttpResponse<String> response = this.http.send(this.http.request("/proxy/alertsite/settings?from=query")
            .header("Content-Type", FORM_TYPE)
            .method(method, HttpRequest.BodyPublishers.ofString(FORM))
            .build());

        assertThat(response.statusCode()).isEqualTo(200);
        vendor.verify(1, newRequestPattern(RequestMethod.fromString(method), urlPathEqualTo("/alertsite/api/settings"))
            .withQueryParam("from", equalTo("query"))
            .withHeader("Content-Type", equalTo(FORM_TYPE))
            .withHeader("Content-Length", equalTo(Integer.toString(FORM.length())))
            .withRequestBody(binaryEqualTo(FORM.getBytes(StandardCharsets.US_ASCII))));
    }
}
