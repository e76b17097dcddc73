package dev.sessionbroker.adapter.appviewx;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.OneTimePasswordLogin;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.support.ConfiguredVendors;
import dev.sessionbroker.support.StrictVendorStub;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.TestVendors.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An AppViewX service account's token request exactly as AppViewX documents it ("Retrieve
 * Access Token using get-service-token API", 2026.1; 2021.1's header style and 2020.3's JSON
 * body as token-request options), against a stub that refuses chunked bodies as gateways do.
 */
class AppViewXServiceAccountClientTest {

    private static final String CLIENT_ID = "521c3ad2-ea4e-447b-a51b-9621bb7ea126";

    private static final String CLIENT_SECRET = "55AU#NO8%*ZhgvNfaYUmtvX0dkEhodbi";

    private static final String PATH = "/avxapi/acctmgmt-get-service-token";

    @RegisterExtension
    static WireMockExtension appViewX = StrictVendorStub.extension();

    @Test
    void sendsTheDocumentedTokenRequestAndTakesTheTokenAsTheSession() {
        String token = ServiceTokenFixtures.token(Instant.now().plus(Duration.ofMinutes(15)));
        appViewX.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(ServiceTokenFixtures.answer(token))));

        assertThat(client(serviceAccount(Map.of())).login().sessionId()).isEqualTo(token);
        appViewX.verify(postRequestedFor(urlEqualTo(PATH + "?gwsource=external"))
            .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8))))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withHeader("Content-Length", equalTo("29"))
            .withHeader("username", absent())
            .withHeader("password", absent())
            .withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void olderReleasesGetTheirOwnRequestShapes() {
        String token = ServiceTokenFixtures.token(Instant.now().plus(Duration.ofMinutes(15)));
        appViewX.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(ServiceTokenFixtures.answer(token))));

        client(serviceAccount(Map.of("appviewx.token-request", "headers-form", "appviewx.gateway-source", "web",
                "appviewx.gateway-key", "f000ca01"))).login();
        client(serviceAccount(Map.of("appviewx.token-request", "basic-json"))).login();

        appViewX.verify(postRequestedFor(urlEqualTo(PATH + "?gwsource=web&gwkey=f000ca01"))
            .withHeader("client_id", equalTo(CLIENT_ID))
            .withHeader("client_secret", equalTo(CLIENT_SECRET))
            .withHeader("Authorization", absent())
            .withRequestBody(equalTo("grant_type=client_credentials")));
        appViewX.verify(postRequestedFor(urlEqualTo(PATH + "?gwsource=external"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("client_id", absent())
            .withRequestBody(equalToJson("{\"payload\":{\"grant_type\":\"client_credentials\"}}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ACCT_SA_003|Service account is invalid/not found::[Service account not found in the database]",
            "OAUTH_CLNT_015|Client Password is incorrect::[Invalid Client credential]",
            "ACCT_SA_001|Invalid Request::[Invalid client Id or secret]" })
    void documentedRefusalsAreRejectedLogins(String appStatusCode, String message) {
        appViewX.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(ServiceTokenFixtures.refusal(appStatusCode, message))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(client(serviceAccount(Map.of()))::login)
            .satisfies((rejected) -> {
                assertThat(rejected.vendorStatus()).isEqualTo(appStatusCode);
                assertThat(rejected.vendorMessage()).isEqualTo(message);
                assertThat(rejected.getMessage()).doesNotContain(CLIENT_SECRET);
            });
    }

    @Test
    void vendorTextLosesControlCharactersAndTheSecret() {
        appViewX.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(ServiceTokenFixtures.refusal("ACCT_SA_001", "Invalid\\r\\nX-Forged: 1 " + CLIENT_SECRET))));

        assertThatExceptionOfType(LoginFailure.Rejected.class).isThrownBy(client(serviceAccount(Map.of()))::login)
            .satisfies((rejected) -> assertThat(rejected.vendorMessage()).isEqualTo("Invalid  X-Forged: 1 ******"));
    }

    @Test
    void aTokenThatIsNoJwtWithAnExpiryIsUnusable() {
        appViewX.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(ServiceTokenFixtures.answer("opaque-token"))));

        assertThatExceptionOfType(LoginFailure.Unusable.class).isThrownBy(client(serviceAccount(Map.of()))::login)
            .withMessageContaining("not a JWT with an exp claim");
    }

    @Test
    void theTokenEndsWhereItsExpSaysAndGoesInTheTokenHeader() {
        VendorSettings vendor = serviceAccount(Map.of("appviewx.gateway-key", "f000ca01"));
        Instant exp = Instant.parse("2026-12-03T12:00:00Z");

        assertThat(vendor.adapter().sessionEnd(ServiceTokenFixtures.token(exp))).isEqualTo(exp);
        assertThat(vendor.sessionPlacement()).extracting(Object::toString)
            .containsExactly(new SessionPlacement.Header("token", "").toString(),
                    new SessionPlacement.FixedQueryParameter("gwkey",
                            dev.sessionbroker.config.Secret.of("f000ca01")).toString());
        assertThat(client(vendor)).isNotInstanceOf(OneTimePasswordLogin.class);
    }

    @Test
    void exactlyOneKindOfCredentialsIsAccepted() {
        Map<String, String> both = base();
        both.put("username", "admin");
        both.put("password", "Password@123");
        Map<String, String> halfAccount = base();
        halfAccount.remove("appviewx.client-secret");
        Map<String, String> neither = base();
        neither.remove("appviewx.client-id");
        neither.remove("appviewx.client-secret");

        assertThatExceptionOfType(InvalidVendorConfigurationException.class)
            .isThrownBy(() -> ConfiguredVendors.vendor("avx", both))
            .satisfies((ex) -> assertThat(ex.key()).isEqualTo("broker.vendors.avx.username"))
            .withMessageContaining("must not be set").withMessageNotContaining("Password@123");
        assertThatExceptionOfType(InvalidVendorConfigurationException.class)
            .isThrownBy(() -> ConfiguredVendors.vendor("avx", halfAccount))
            .satisfies((ex) -> assertThat(ex.key()).isEqualTo("broker.vendors.avx.appviewx.client-secret"));
        assertThatExceptionOfType(InvalidVendorConfigurationException.class)
            .isThrownBy(() -> ConfiguredVendors.vendor("avx", neither))
            .satisfies((ex) -> assertThat(ex.key()).isEqualTo("broker.vendors.avx.username"));
    }

    @Test
    void anUnresolvedClientSecretOrIdStopsTheStartUpNamingTheKey() {
        for (String key : new String[] { "appviewx.client-secret", "appviewx.client-id" }) {
            Map<String, String> keys = base();
            keys.put(key, "${AVX_UNSET_7Q}");

            assertThatExceptionOfType(InvalidVendorConfigurationException.class)
                .isThrownBy(() -> ConfiguredVendors.vendor("avx", keys))
                .satisfies((ex) -> assertThat(ex.key()).isEqualTo("broker.vendors.avx." + key))
                .withMessageContaining("unresolved");
        }
    }

    @Test
    void theClientSecretNeverPrints() {
        VendorSettings vendor = serviceAccount(Map.of());

        assertThat(vendor.toString()).doesNotContain(CLIENT_SECRET);
        assertThat(vendor.options(AppViewXOptions.class).toString()).doesNotContain(CLIENT_SECRET);
    }

    private static VendorSettings serviceAccount(Map<String, String> more) {
        Map<String, String> keys = base();
        keys.putAll(more);
        return ConfiguredVendors.vendor("avx", keys);
    }

    private static Map<String, String> base() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("type", "appviewx");
        keys.put("base-url", appViewX.baseUrl() + "/avxapi");
        keys.put("connect-timeout", "2s");
        keys.put("read-timeout", "2s");
        keys.put("appviewx.client-id", CLIENT_ID);
        keys.put("appviewx.client-secret", CLIENT_SECRET);
        return keys;
    }
}
