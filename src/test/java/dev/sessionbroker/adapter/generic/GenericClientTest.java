package dev.sessionbroker.adapter.generic;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.alertsite.AlertSiteVendor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.ConfiguredVendors.vendor;
import static dev.sessionbroker.support.DocFixtures.read;
import static dev.sessionbroker.support.TestVendors.client;
import static dev.sessionbroker.support.TestVendors.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The declarative vendor, configured through the same keys an operator writes. */
class GenericClientTest {

    private static final String PASSWORD = "passw0rd";

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @Test
    void alertSiteWrittenAsGenericSendsTheSameRequestAndReadsTheSameSession() {
        vendor.stubFor(post("/alertsite-restapi/login").willReturn(okJson(read("alertsite/login-success.json"))));

        String generic = client(alertSiteAsGeneric()).login().sessionId();
        String adapter = client(alertSiteAdapter()).login().sessionId();

        assertThat(generic).isEqualTo(adapter).isEqualTo("ef770427109e343e");
        vendor.verify(2, postRequestedFor(urlEqualTo("/alertsite-restapi/login"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(read("alertsite/login-request.json"))));
    }

    @Test
    void alertSiteWrittenAsGenericRejectsStatus40LikeTheAdapter() {
        vendor.stubFor(post("/alertsite-restapi/login").willReturn(okJson(read("alertsite/login-status-40.json"))));

        LoginFailure.Rejected generic = rejection(client(alertSiteAsGeneric()));
        LoginFailure.Rejected adapter = rejection(client(alertSiteAdapter()));

        assertThat(generic.vendorStatus()).isEqualTo(adapter.vendorStatus()).isEqualTo("40");
        assertThat(generic.vendorMessage()).isEqualTo(adapter.vendorMessage()).isEqualTo("Invalid login information.");
        assertThat(generic.getMessage()).isEqualTo(adapter.getMessage()).doesNotContain(PASSWORD);
    }

    @Test
    void credentialsInHeadersAndNoBody() {
        vendor.stubFor(post("/api/session").willReturn(okJson("{\"token\":\"t-1\"}")));
        Map<String, String> config = base("/api/session", "/token");
        config.put("generic.username-param.in", "header");
        config.put("generic.username-param.name", "X-User");
        config.put("generic.password-param.in", "header");
        config.put("generic.password-param.name", "X-Password");

        assertThat(client(vendor("acme", config)).login().sessionId()).isEqualTo("t-1");
        vendor.verify(postRequestedFor(urlEqualTo("/api/session")).withHeader("X-User", equalTo("ops@example.com"))
            .withHeader("X-Password", equalTo(PASSWORD))
            .withHeader("Content-Type", absent()));
    }

    @Test
    void credentialsInAFormBody() {
        vendor.stubFor(post("/api/session").willReturn(okJson("{\"token\":\"t-2\"}")));
        Map<String, String> config = base("/api/session", "/token");
        config.put("generic.username-param.in", "form");
        config.put("generic.username-param.name", "user");
        config.put("generic.password-param.in", "form");
        config.put("generic.password-param.name", "pass");

        assertThat(client(vendor("acme", config)).login().sessionId()).isEqualTo("t-2");
        vendor.verify(postRequestedFor(urlEqualTo("/api/session"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withRequestBody(equalTo("user=ops%40example.com&pass=passw0rd")));
    }

    @Test
    void credentialsInQueryParametersAreEncoded() {
        vendor.stubFor(post(urlPathEqualTo("/api/session")).willReturn(okJson("{\"token\":\"t-3\"}")));
        Map<String, String> config = base("/api/session", "/token");
        config.put("password", "p&ss={x}");
        config.put("generic.username-param.in", "query");
        config.put("generic.username-param.name", "u");
        config.put("generic.password-param.in", "query");
        config.put("generic.password-param.name", "p");

        assertThat(client(vendor("acme", config)).login().sessionId()).isEqualTo("t-3");
        vendor.verify(postRequestedFor(urlEqualTo("/api/session?u=ops%40example.com&p=p%26ss%3D%7Bx%7D")));
    }

    @Test
    void sessionFromACookie() {
        vendor.stubFor(post("/api/session").willReturn(aResponse().withStatus(204)
            .withHeader("Set-Cookie", "JSESSIONID=c-4; Path=/; HttpOnly")));
        Map<String, String> config = base("/api/session", null);
        config.put("generic.session-cookie", "JSESSIONID");

        assertThat(client(vendor("acme", config)).login().sessionId()).isEqualTo("c-4");
    }

    @Test
    void unexpectedHttpStatusIsARejectionNamingIt() {
        vendor.stubFor(post("/api/session").willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", "text/html").withBody("<html>no</html>")));

        assertThat(rejection(client(vendor("acme", base("/api/session", "/token")))).vendorStatus())
            .isEqualTo("HTTP 401");
    }

    @Test
    void successWithoutTheSessionIsUnusable() {
        vendor.stubFor(post("/api/session").willReturn(okJson("{\"other\":1}")));

        assertThatExceptionOfType(LoginFailure.Unusable.class)
            .isThrownBy(() -> client(vendor("acme", base("/api/session", "/token"))).login())
            .withMessageContaining("/token");
    }

    private static Map<String, String> base(String loginPath, String sessionPointer) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("type", "generic");
        config.put("base-url", vendor.baseUrl());
        config.put("username", "ops@example.com");
        config.put("password", PASSWORD);
        config.put("generic.login-path", loginPath);
        config.put("generic.username-param.in", "json");
        config.put("generic.username-param.name", "user");
        config.put("generic.password-param.in", "json");
        config.put("generic.password-param.name", "password");
        if (sessionPointer != null) {
            config.put("generic.session-pointer", sessionPointer);
        }
        return config;
    }

    /** AlertSite's login as docs/vendors.md shows it in YAML. */
    private static VendorSettings alertSiteAsGeneric() {
        Map<String, String> config = base("/login", "/metadata/session");
        config.put("base-url", vendor.baseUrl() + "/alertsite-restapi");
        config.put("username", "[email protected]");
        config.put("generic.username-param.name", "login");
        config.put("generic.success-pointer", "/metadata/status");
        config.put("generic.success-value", "0");
        config.put("generic.error-status-pointer", "/metadata/status");
        config.put("generic.error-message-pointer", "/metadata/message");
        return vendor("alertsite-generic", config);
    }

    private static VendorSettings alertSiteAdapter() {
        return settings("alertsite", new AlertSiteVendor(), vendor.baseUrl() + "/alertsite-restapi", "[email protected]",
                PASSWORD);
    }

    private static LoginFailure.Rejected rejection(VendorClient client) {
        try {
            client.login();
        }
        catch (LoginFailure.Rejected rejected) {
            return rejected;
        }
        throw new AssertionError("login was not rejected");
    }
}
