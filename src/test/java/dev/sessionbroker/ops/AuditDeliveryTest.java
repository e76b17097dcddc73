package dev.sessionbroker.ops;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.security.Tokens;
import dev.sessionbroker.support.BrokerWithClientsFixture;
import dev.sessionbroker.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audit lines reach the log through Logback's asynchronous appender: with whatever is behind
 * it stalled (a console pipe nobody reads, a hung log shipper) and its queue full, requests are
 * still answered, and the lines they would have written are dropped and counted in
 * {@code broker.audit.dropped}, not waited for.
 */
class AuditDeliveryTest extends BrokerWithClientsFixture {

    @Test
    void aStalledAuditLogNeverHoldsUpARequestAndItsDropsAreCounted() throws InterruptedException {
        // A context of its own: the appender in front of "audit" is the last started context's.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionBrokerApplication.class).run(
                "--server.port=0", "--broker.vendors.alertsite.type=alertsite",
                "--broker.vendors.alertsite.base-url=" + vendor.baseUrl() + "/alertsite",
                "--broker.vendors.alertsite.username=" + USERNAME, "--broker.vendors.alertsite.password=" + PASSWORD,
                "--broker.clients.poller.token-sha256=" + Tokens.sha256Hex(POLLER_TOKEN),
                "--broker.clients.poller.vendors=alertsite");
        Stall stall = new Stall();
        AuditAppender appender = (AuditAppender) ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("audit")
            .getAppender(AuditAppender.NAME);
        @Nullable List<Appender<ILoggingEvent>> targets = null;
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            // What is behind the queue stops taking lines; the filler goes nowhere else.
            targets = appender.deliverTo(List.of(stall));
            Logger audit = LoggerFactory.getLogger("audit");
            audit.info("audit filler");
            assertThat(stall.entered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < AuditAppender.QUEUE_SIZE; i++) {
                audit.info("audit filler");
            }
            double before = registry.get("broker.audit.dropped").counter().count();

            // Wrong tokens, each from an address of its own: each refusal is an audit line of its own.
            for (int i = 1; i <= 4; i++) {
                String answer = RawHttp.from("127.0.0.6" + i, port, "GET", "/sessions/alertsite",
                        "Authorization: Bearer not-a-token-" + i);
                assertThat(RawHttp.status(answer)).isEqualTo(401);
            }

            assertThat(registry.get("broker.audit.dropped").counter().count() - before).isEqualTo(4);
        }
        finally {
            stall.release.countDown();
            await().until(() -> appender.getNumberOfElementsInQueue() == 0);
            if (targets != null) {
                appender.deliverTo(targets);
            }
            context.close();
        }
    }

    /** An appender that takes one line and then hangs until released. */
    private static final class Stall extends UnsynchronizedAppenderBase<ILoggingEvent> {

        final CountDownLatch entered = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        Stall() {
            start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            this.entered.countDown();
            try {
                this.release.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
