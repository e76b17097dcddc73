package dev.sessionbroker.support;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

/**
 * A WireMock AlertSite with one login path per configured vendor, answering with the
 * vendor docs' own examples: {@code alertsite} logs in, {@code alertsite-rejected} gets
 * status 40, and {@code alertsite-idle} is configured but never asked for by the tests.
 */
public final class StubbedAlertSite {

    public static final String USERNAME = "ops@example.com";

    private StubbedAlertSite() {
    }

    public static WireMockExtension extension() {
        return StrictVendorStub.extension();
    }

    public static void registerVendors(DynamicPropertyRegistry registry, WireMockExtension alertSite,
            String password) {
        for (String vendor : new String[] { "alertsite", "alertsite-rejected", "alertsite-idle" }) {
            String prefix = "broker.vendors." + vendor + ".";
            registry.add(prefix + "type", () -> "alertsite");
            registry.add(prefix + "base-url", () -> alertSite.baseUrl() + "/" + vendor);
            registry.add(prefix + "username", () -> USERNAME);
            registry.add(prefix + "password", () -> password);
            // Logins back to back: pacing has its own tests (LoginPacingTest).
            registry.add(prefix + "min-login-interval", () -> "0");
        }
    }

    public static void stubLogins(WireMockExtension alertSite) {
        alertSite.stubFor(post("/alertsite/login").willReturn(okJson(DocFixtures.read("alertsite/login-success.json"))));
        alertSite.stubFor(
                post("/alertsite-rejected/login").willReturn(okJson(DocFixtures.read("alertsite/login-status-40.json"))));
        alertSite.stubFor(post("/alertsite-idle/login").willReturn(okJson(DocFixtures.read("alertsite/login-success.json"))));
    }
}
