package dev.sessionbroker.ops;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit: its listener, and the asynchronous delivery of its lines. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * Lines go through Logback's asynchronous appender; drops are counted in
     * {@code broker.audit.dropped}. Closed after the listener (which depends on it), so the
     * counts the listener writes at shutdown are delivered too.
     */
    @Bean
    AuditDelivery auditDelivery(ObjectProvider<MeterRegistry> registry) {
        Counter dropped = Counter.builder("broker.audit.dropped")
            .description("Audit lines dropped because the audit queue was full; requests never wait for the log")
            .register(registry.getIfAvailable(SimpleMeterRegistry::new));
        return new AuditDelivery(AuditAppender.attach(dropped));
    }

    /**
     * Hand-outs of one session to one client are coalesced over a second of real time
     * (whatever ticker the broker's caches use), so that lines appear within about a second;
     * refusals a caller can repeat at will, per address over
     * {@link AuditListener#REFUSAL_INTERVAL} of the broker's time, like the back-off they go with.
     */
    @Bean
    AuditListener auditListener(AuditDelivery delivery, Ticker ticker) {
        return new AuditListener(
                new AuditTally<>(Ticker.systemTicker(), Duration.ofSeconds(1), AuditListener.MAX_COALESCED),
                new AuditTally<>(ticker, AuditListener.REFUSAL_INTERVAL, AuditListener.MAX_COALESCED));
    }

    /** The appender's lifetime as a bean's. */
    static final class AuditDelivery implements DisposableBean {

        private final @Nullable AuditAppender appender;

        AuditDelivery(@Nullable AuditAppender appender) {
            this.appender = appender;
        }

        @Override
        public void destroy() {
            if (this.appender != null) {
                this.appender.detach();
            }
        }
    }
}
