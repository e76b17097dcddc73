package dev.sessionbroker.broker;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.BrokerFixture;
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
class OneTimePasswordRefreshTest extends BrokerFixture {

    @Test
    void mfaRefusalIsNamedAndAnOtpLoginGetsTheSession() {
        BrokerHttp http = new BrokerHttp(this.port);
        vendor.stubFor(post(urlPathEqualTo("/appviewx/login")).withHeader("otp", absent())
            .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(read("appviewx/login-mfa.json"))));
        vendor.stubFor(post(urlPathEqualTo("/appviewx/login")).withHeader("otp", equalTo("609700"))
            .willReturn(okJson(read("appviewx/login-success.json"))));

        HttpResponse<String> refused = http.get("/sessions/appviewx");
        HttpResponse<String> withOtp = http.post("/sessions/appviewx/refresh", "application/json",
                "{\"otp\":\"609700\"}");

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("MFA");
        assertThat(withOtp.statusCode()).isEqualTo(200);
        assertThat(withOtp.body()).contains("avx~~c73a4f56-f4ab-4cdf-aadf-6d90bf406077").doesNotContain("609700");
        vendor.verify(1, postRequestedFor(urlPathEqualTo("/appviewx/login")).withHeader("otp", equalTo("609700")));
        assertThat(http.get("/sessions/appviewx").statusCode()).isEqualTo(200);
    }

    @Test
    void anOtpRefreshAfterAWrongPasswordWaitsOutTheCoolDownLikeAnyLogin() {
        BrokerHttp http = new BrokerHttp(this.port);
        vendor.stubFor(post(urlPathEqualTo("/appviewx/login"))
            .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(read("appviewx/login-failure.json"))));
        assertThat(http.get("/sessions/appviewx").statusCode()).isEqualTo(502);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> withOtp = http.post("/sessions/appviewx/refresh", "application/json",
                    "{\"otp\":\"00000" + i + "\"}");
            assertThat(withOtp.statusCode()).isEqualTo(503);
            assertThat(withOtp.body()).contains("cool");
        }
        vendor.verify(1, postRequestedFor(urlPathEqualTo("/appviewx/login")));
    }

    @Test
    void aRejectedOtpStartsACoolDownForTheNextOtpToo() {
        BrokerHttp http = new BrokerHttp(this.port);
        vendor.stubFor(post(urlPathEqualTo("/appviewx/login"))
            .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(read("appviewx/login-mfa.json"))));
        assertThat(http.get("/sessions/appviewx").statusCode()).isEqualTo(502);

        HttpResponse<String> wrongOtp = http.post("/sessions/appviewx/refresh", "application/json",
                "{\"otp\":\"000000\"}");
        HttpResponse<String> nextOtp = http.post("/sessions/appviewx/refresh", "application/json",
                "{\"otp\":\"000001\"}");

        assertThat(wrongOtp.statusCode()).isEqualTo(502);
        assertThat(nextOtp.statusCode()).isEqualTo(503);
        vendor.verify(2, postRequestedFor(urlPathEqualTo("/appviewx/login")));
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
