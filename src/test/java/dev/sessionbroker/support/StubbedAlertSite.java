package dev.sessionbroker.support;

import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

/**
 * AlertSite logins as the vendor docs show them, for the {@link BrokerFixture} vendors:
 * {@code alertsite} and {@code alertsite-idle} log in, {@code alertsite-rejected} gets status 40.
 */
public final class StubbedAlertSite {

    private StubbedAlertSite() {
    }

    public static void stubLogins(Admin stub) {
        stub.addStubMapping(login("/alertsite/login", "alertsite/login-success.json"));
        stub.addStubMapping(login("/alertsite-rejected/login", "alertsite/login-status-40.json"));
        stub.addStubMapping(login("/alertsite-idle/login", "alertsite/login-success.json"));
    }

    private static StubMapping login(String path, String answer) {
        return post(path).willReturn(okJson(DocFixtures.read(answer))).build();
    }
}
