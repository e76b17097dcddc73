package dev.sessionbroker.adapter.infiniteblue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.BrokerHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Infinite Blue ends every earlier session of a user at each login, so a second login would
 * kill the session other callers hold: through the whole broker, it happens once.
 */
class InfiniteBlueSingleLoginTest extends BrokerFixture {

    @Test
    void concurrentAndRepeatedRequestsCauseOneLogin() {
        // Slow enough that every concurrent request arrives while the login is in flight.
        vendor.stubFor(post(urlPathEqualTo("/infiniteblue/login"))
            .willReturn(okJson(read("infiniteblue/login-success.json")).withFixedDelay(300)));
        BrokerHttp http = new BrokerHttp(this.port);

        List<HttpResponse<String>> concurrent = http.concurrently(20,
                http.request("/sessions/infiniteblue").header("Accept", "text/plain").GET().build());
        List<String> repeated = IntStream.range(0, 5)
            .mapToObj((i) -> http.get("/sessions/infiniteblue", "text/plain").body())
            .toList();

        assertThat(concurrent).allSatisfy((response) -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ecc701d2442e4f6b9fe2a7cc7b52078a@5857");
        });
        assertThat(repeated).containsOnly("ecc701d2442e4f6b9fe2a7cc7b52078a@5857");
        vendor.verify(1, postRequestedFor(urlPathEqualTo("/infiniteblue/login")));
    }
}
