package dev.sessionbroker.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.web.context.support.RequestHandledEvent;

import dev.sessionbroker.support.BrokerFixture;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handed-out session publishes no application event: the dispatcher's per-request
 * RequestHandledEvent went to every listener of the context on the hot path, for nothing that
 * listens to it (spring.mvc.publish-request-handled-events: false).
 */
class RequestHandledEventsTest extends BrokerFixture {

    @Autowired
    ApplicationEventMulticaster multicaster;

    @Test
    void handingOutASessionPublishesNoRequestHandledEvent() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
        List<ApplicationEvent> handled = new CopyOnWriteArrayList<>();
        ApplicationListener<ApplicationEvent> listener = (event) -> {
            if (event instanceof RequestHandledEvent) {
                handled.add(event);
            }
        };
        this.multicaster.addApplicationListener(listener);
        try {
            assertThat(this.http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
            assertThat(this.http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        }
        finally {
            this.multicaster.removeApplicationListener(listener);
        }

        assertThat(handled).isEmpty();
    }
}
