package dev.sessionbroker.broker;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.BrokerHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AppViewX with MFA: the refusal says so (502 naming MFA), and one login with a one-time
 * password can be made through {@code POST /sessions/{vendor}/refresh} with {@code {"otp"}}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OneTimePasswordRefreshTest {

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("broker.vendors.appviewx.type", () -> "appviewx");
        registry.add("broker.vendors.appviewx.base-url", () -> vendor.baseUrl() + "/avxapi");
        registry.add("broker.vendors.appviewx.username", () -> "admin");
        registry.add("broker.vendors.appviewx.password", () -> "Password@123");
        registry.add("broker.vendors.alertsite.type", () -> "alertsite");
        registry.add("broker.vendors.alertsite.base-url", () -> vendor.baseUrl() + "/alertsite");
        registry.add("broker.vendors.alertsite.username", () -> "ops@example.com");
        registry.add("broker.vendors.alertsite.password", () -> "pass");
    }

    @LocalServerPort
    int port;

    @Test
    void mfaRefusalIsNamedAndAnOtpLoginGetsTheSession() {
        BrokerHttp http = new BrokerHttp(this.port);
        vendor.stubFor(post(urlPathEqualTo("/avxapi/login")).withHeader("otp", absent())
            .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(read("appviewx/login-mfa.json"))));
        vendor.stubFor(post(urlPathEqualTo("/avxapi/login")).withHeader("otp", equalTo("609700"))
            .willReturn(okJson(read("appviewx/login-success.json"))));

        HttpResponse<String> refused = http.get("/sessions/appviewx");
        HttpResponse<String> withOtp = http.post("/sessions/appviewx/refresh", "application/json",
                "{\"otp\":\"609700\"}");

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("MFA");
        assertThat(withOtp.statusCode()).isEqualTo(200);
        assertThat(withOtp.body()).contains("avx~~c73a4f56-f4ab-4cdf-aadf-6d90bf406077").doesNotContain("609700");
        vendor.verify(1, postRequestedFor(urlPathEqualTo("/avxapi/login")).withHeader("otp", equalTo("609700")));
        assertThat(http.get("/sessions/appviewx").statusCode()).isEqualTo(200);
    }

    @Test
    void otpForAVendorWithoutOtpLoginIs400() {
        HttpResponse<String> response = new BrokerHttp(this.port).post("/sessions/alertsite/refresh",
                "application/json", "{\"otp\":\"123456\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("otp-not-supported");
        assertThat(vendor.findAll(postRequestedFor(urlPathEqualTo("/alertsite/login")))).isEmpty();
    }
}
