package dev.sessionbroker.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.BrokerWithClientsFixture;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login with a one-time password is an attempt on an account that locks after failed ones:
 * only admin clients and clients allowed it explicitly may start one, whatever vendors a
 * client may otherwise use and refresh.
 */
class OneTimePasswordAccessTest extends BrokerWithClientsFixture {

    @BeforeEach
    void vendorTakesTheCode() {
        vendor.stubFor(post(urlPathEqualTo("/appviewx/login")).withHeader("otp", equalTo("609700"))
            .willReturn(okJson(read("appviewx/login-success.json"))));
    }

    @Test
    void aClientThatMayRefreshButNotUseOneTimePasswordsIsRefusedBeforeAnyLogin() {
        HttpResponse<String> refused = refreshWithOtp(AVX_READER_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("otp-not-allowed").contains("one-time-password: true")
            .doesNotContain("609700");
        assertThat(vendor.findAll(postRequestedFor(urlPathEqualTo("/appviewx/login")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { AVX_OPERATOR_TOKEN, ADMIN_TOKEN })
    void adminsAndClientsAllowedItLogInWithTheCode(String token) {
        HttpResponse<String> refreshed = refreshWithOtp(token);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        vendor.verify(1, postRequestedFor(urlPathEqualTo("/appviewx/login")).withHeader("otp", equalTo("609700")));
    }

    @Test
    void aRefreshWithoutACodeStaysOpenToEveryClientOfTheVendor() {
        vendor.stubFor(post(urlPathEqualTo("/appviewx/login")).willReturn(okJson(read("appviewx/login-success.json"))));
        BrokerHttp http = new BrokerHttp(this.port);

        HttpResponse<String> refreshed = http.send(http.request("/sessions/appviewx/refresh")
            .header("Authorization", "Bearer " + AVX_READER_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build());

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    }

    private HttpResponse<String> refreshWithOtp(String token) {
        BrokerHttp http = new BrokerHttp(this.port);
        return http.send(http.request("/sessions/appviewx/refresh")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"otp\":\"609700\"}"))
            .build());
    }
}
