package dev.sessionbroker.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observations inside Spring Security. With an observation registry present,
 * Spring Security wraps each filter of the chain, the chain itself and every authorization in
 * an observation of its own: on the cached session answer that was three quarters of the CPU
 * samples (bench/RESULTS.md, section 12), for spans and timers nobody reads. Boot's
 * {@code http.server.requests} observation of the whole request stays, as do the broker's own
 * meters ({@code broker.auth.denials}, {@code broker.auth.failures}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
