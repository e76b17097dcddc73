package dev.sessionbroker.proxy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sessionbroker.support.BrokerFixture;

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
 * Spring's FormContentFilter once consumed PUT, PATCH and DELETE forms, so the vendor got an
 * empty body.
 */
class ProxyFormBodyTest extends BrokerFixture {

    /** Repeated and empty fields, escapes, and "%zz", which no form decoder accepts. */
    private static final String FORM = "name=a%20b+c&x=1&x=2&empty=&euro=%E2%82%AC";

    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    @BeforeEach
    void setUp() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(any(urlPathEqualTo("/alertsite/settings"))
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
        vendor.verify(1, newRequestPattern(RequestMethod.fromString(method), urlPathEqualTo("/alertsite/settings"))
            .withQueryParam("from", equalTo("query"))
            .withHeader("Content-Type", equalTo(FORM_TYPE))
            .withHeader("Content-Length", equalTo(Integer.toString(FORM.length())))
            .withRequestBody(binaryEqualTo(FORM.getBytes(StandardCharsets.US_ASCII))));
    }
}
