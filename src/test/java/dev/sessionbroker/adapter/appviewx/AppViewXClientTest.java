package dev.sessionbroker.adapter.appviewx;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.OneTimePasswordLogin;
import dev.sessionbroker.adapter.VendorClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static dev.sessionbroker.support.TestVendors.client;
import static dev.sessionbroker.support.TestVendors.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The AppViewX login exactly as vendor-docs/appviewx-login.txt shows it. */
class AppViewXClientTest {

    private static final String PASSWORD = "Password@123";

    @RegisterExtension
    static WireMockExtension appViewX = StrictVendorStub.extension();

    private final VendorClient client = client(
            settings("appviewx", new AppViewXVendor(), appViewX.baseUrl() + "/avxapi", "admin", PASSWORD));

    @Test
    void sendsTheDocumentedRequestAndReadsTheSession() {
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(okJson(read("appviewx/login-success.json"))));

        assertThat(this.client.login().sessionId()).isEqualTo("avx~~c73a4f56-f4ab-4cdf-aadf-6d90bf406077");
        appViewX.verify(postRequestedFor(urlEqualTo("/avxapi/login?gwsource=external"))
            .withHeader("username", equalTo("admin"))
            .withHeader("password", equalTo(PASSWORD))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("otp", absent())
            .withRequestBody(equalToJson(read("appviewx/login-request.json"))));
    }

    @Test
    void multiTenantLoginCarriesTheGatewayKeyAndConfiguredSource() {
        VendorClient tenant = client(settings("appviewx", new AppViewXVendor(), appViewX.baseUrl() + "/avxapi", "admin",
                PASSWORD, Map.of("appviewx.gateway-source", "web", "appviewx.gateway-key", "tenant-key+1")));
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(okJson(read("appviewx/login-success.json"))));

        tenant.login();

        appViewX.verify(postRequestedFor(urlEqualTo("/avxapi/login?gwsource=web&gwkey=tenant-key%2B1")));
    }

    @Test
    void oneTimePasswordGoesInTheOtpHeader() {
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(okJson(read("appviewx/login-success.json"))));

        ((OneTimePasswordLogin) this.client).login(Secret.of("609700"));

        appViewX.verify(postRequestedFor(urlPathEqualTo("/avxapi/login")).withHeader("otp", equalTo("609700")));
    }

    @ParameterizedTest
    @CsvSource({ "400, ACCT_AUTH_001, Username or password cannot be null or empty.",
            "401, ACC_AUTH_022, Login failed. Invalid credentials.",
            "401, ACC_AUTH_006, Login failed. Invalid credentials." })
    void documentedErrorCodesAreRejectedLogins(int httpStatus, String appStatusCode, String message) {
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(aResponse().withStatus(httpStatus)
            .withHeader("Content-Type", "application/json").withBody(read("appviewx/login-" + appStatusCode + ".json"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login).satisfies((rejected) -> {
            assertThat(rejected.vendorStatus()).isEqualTo(appStatusCode);
            assertThat(rejected.vendorMessage()).isEqualTo(message);
            assertThat(rejected.getMessage()).doesNotContain(PASSWORD);
        });
    }

    @Test
    void failureStatusIsARejectedLoginThatTellsTheAttemptsLeft() {
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(okJson(read("appviewx/login-failure.json"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login).satisfies((rejected) -> {
            assertThat(rejected.vendorStatus()).isEqualTo("ACC_AUTH_022");
            assertThat(rejected.vendorMessage()).isEqualTo(
                    "Login failed. Invalid credentials. (availableLoginAttemptCount=2, lockDownPeriod=15)");
        });
    }

    @Test
    void mfaAnswerIsReportedAsMfaRequired() {
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", "application/json").withBody(read("appviewx/login-mfa.json"))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(this.client::login).satisfies((rejected) -> {
            assertThat(rejected.vendorStatus()).isEqualTo("MFA_REQUIRED");
            assertThat(rejected.getMessage()).contains("MFA required").contains("one-time password (otp)")
                .contains("service account");
        });
    }

    @Test
    void successWithoutSessionIsUnusable() {
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login"))
            .willReturn(okJson("{\"response\":{\"status\":\"SUCCESS\",\"sessionId\":null},\"message\":\"Login successful.\"}")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login)
            .withMessageContaining("response.sessionId");
    }

    @Test
    void answerWithoutStatusOrCodeIsUnusable() {
        appViewX.stubFor(post(urlPathEqualTo("/avxapi/login")).willReturn(okJson("{\"message\":\"hello\"}")));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(this.client::login);
    }
}
