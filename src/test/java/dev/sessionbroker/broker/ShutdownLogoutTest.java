package dev.sessionbroker.broker;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.SessionBrokerApplication;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Closing the broker ends the sessions it holds at the vendors that document a logout. */
class ShutdownLogoutTest {

    @RegisterExtension
    static WireMockExtension vendors = StrictVendorStub.extension();

    @Test
    void closingTheContextLogsOutCachedSessions() {
        vendors.stubFor(post(urlPathEqualTo("/ib/login")).willReturn(okJson("{\"status\":\"ok\",\"sessionId\":\"ib-1\"}")));
        vendors.stubFor(get(urlPathEqualTo("/ib/logout")).willReturn(okJson("{\"status\":\"ok\"}")));
        vendors.stubFor(post("/rv/auth/login").willReturn(okJson("{\"status\":\"OK\",\"sessionId\":\"rv-1\"}")));
        vendors.stubFor(post("/rv/auth/logout").willReturn(okJson("{\"status\":\"OK\"}")));
        ConfigurableApplicationContext context = start();
        SessionBroker broker = context.getBean(SessionBroker.class);
        assertThat(broker.lease("infiniteblue").join().session().sessionId()).isEqualTo("ib-1");
        assertThat(broker.lease("revulytics").join().session().sessionId()).isEqualTo("rv-1");

        context.close();

        vendors.verify(getRequestedFor(urlEqualTo("/ib/logout?sessionId=ib-1&output=json")));
        vendors.verify(postRequestedFor(urlEqualTo("/rv/auth/logout"))
            .withRequestBody(equalToJson("{\"user\":\"ops@example.com\",\"sessionId\":\"rv-1\"}")));
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SessionBrokerApplication.class).run("--server.port=0", "--spring.main.banner-mode=off",
                "--broker.vendors.infiniteblue.type=infiniteblue",
                "--broker.vendors.infiniteblue.base-url=" + vendors.baseUrl() + "/ib",
                "--broker.vendors.infiniteblue.username=ops@example.com",
                "--broker.vendors.infiniteblue.password=pa55word",
                "--broker.vendors.revulytics.type=revulytics",
                "--broker.vendors.revulytics.base-url=" + vendors.baseUrl() + "/rv",
                "--broker.vendors.revulytics.username=ops@example.com",
                "--broker.vendors.revulytics.password=pa55word");
    }
}
