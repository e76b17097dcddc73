package dev.sessionbroker.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.config.BrokerProperties;

/**
 * The validated client directory, in every kind of application context, so that bad client
 * configuration stops the start-up even where no web server runs.
 */
@Configuration(proxyBeanMethods = false)
class CallerConfiguration {

    /** Also the {@code UserDetailsService} client certificates are resolved with (CN = client name). */
    @Bean
    ClientDirectory clientDirectory(BrokerProperties properties, Vendors vendors, Environment environment) {
        return ClientDirectory.from(properties, vendors, ClientDirectory.Proofs.of(environment));
    }
}
