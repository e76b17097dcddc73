package dev.sessionbroker.credentials;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.security.ClientDirectory;
import dev.sessionbroker.adapter.Vendors;

/** Re-reads rotated credentials every {@code broker.credentials.reload-interval} (0: never). */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

    @Bean
    CredentialReloader credentialReloader(ConfigurableEnvironment environment, Vendors vendors, SessionBroker broker,
            ClientDirectory clients, BrokerProperties properties, ObjectProvider<MeterRegistry> registry,
            ApplicationEventPublisher events) {
        return new CredentialReloader(environment, vendors, broker, clients, properties,
                ClientDirectory.Proofs.of(environment),
                registry.getIfAvailable(SimpleMeterRegistry::new), events);
    }

    @Bean
    ReloadSchedule credentialReloadSchedule(CredentialReloader reloader, BrokerProperties properties) {
        return new ReloadSchedule(reloader, properties.credentials().reloadInterval());
    }

    /** One daemon thread reading the trees; a failed round is logged and the next one runs. */
    static final class ReloadSchedule implements DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(CredentialReloader.class);

        private final ScheduledExecutorService executor;

        ReloadSchedule(CredentialReloader reloader, Duration interval) {
            CustomizableThreadFactory threads = new CustomizableThreadFactory("credentials-reload-");
            threads.setDaemon(true);
            this.executor = Executors.newSingleThreadScheduledExecutor(threads);
            if (!interval.isZero() && !interval.isNegative()) {
                this.executor.scheduleWithFixedDelay(() -> {
                    try {
                        reloader.reload();
                    }
                    catch (RuntimeException ex) {
                        log.warn("credentials-reload failed ({}); the current credentials stay",
                                ex.getClass().getSimpleName());
                    }
                }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void destroy() {
            this.executor.shutdownNow();
        }
    }
}
