package dev.sessionbroker;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.BrokerHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shutting down lets a caller that is waiting for a login get its session. */
class GracefulShutdownTest {

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @Test
    void callerWaitingForALoginIsAnsweredDuringShutdown() {
        vendor.stubFor(post("/login").willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(1500)));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionBrokerApplication.class)
            .run("--server.port=0", "--broker.vendors.alertsite.type=alertsite",
                    "--broker.vendors.alertsite.base-url=" + vendor.baseUrl(),
                    "--broker.vendors.alertsite.username=ops@example.com",
                    "--broker.vendors.alertsite.password=shutdown-pass");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        BrokerHttp http = new BrokerHttp(port);

        CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient()
            .sendAsync(http.request("/sessions/alertsite").GET().build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> !vendor.findAll(postRequestedFor(urlEqualTo("/login"))).isEmpty());
        context.close();

        HttpResponse<String> response = waiting.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ef770427109e343e");
    }
}
