package dev.sessionbroker.proxy;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.DemoBrokerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each vendor's injection form, checked by that vendor's emulator: the emulators' sample
 * endpoints answer 401 unless the session arrives exactly where the vendor expects it.
 */
class ProxyDemoEmulatorsTest extends DemoBrokerFixture {

    @Test
    void alertSiteAcceptsBasicWithLoginAndSession() {
        assertThat(this.http.get("/proxy/alertsite/sample").statusCode()).isEqualTo(200);
    }

    @Test
    void infiniteBlueAcceptsTheSessionIdParameter() {
        assertThat(this.http.get("/proxy/infiniteblue/sample").statusCode()).isEqualTo(200);
    }

    @Test
    void revulyticsAcceptsTheSessionIdBodyField() {
        HttpResponse<String> response = this.http.post("/proxy/revulytics/auth/sample", "application/json",
                "{\"productId\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void appViewXAcceptsTheSessionIdHeader() {
        assertThat(this.http.get("/proxy/appviewx/sample").statusCode()).isEqualTo(200);
    }

    @Test
    void sessionEndedAtTheVendorIsRenewedAndTheCallReplayed() {
        String first = this.http.get("/sessions/infiniteblue", "text/plain").body();
        // The vendor ends the session (as a second login elsewhere would on Infinite Blue).
        this.http.get("/emulator/infiniteblue/logout?sessionId=" + first + "&output=json");
        // Past the demo's minimum interval between two logins.
        this.time.advance(Duration.ofMinutes(1));

        HttpResponse<String> response = this.http.get("/proxy/infiniteblue/sample");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(this.http.get("/sessions/infiniteblue", "text/plain").body()).isNotEqualTo(first);
    }
}
