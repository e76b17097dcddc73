package dev.sessionbroker.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessionbroker.config.BrokerProperties;

/** The body limits on the API's Tomcat. */
@Configuration(proxyBeanMethods = false)
class BodyLimitsConfiguration {

    @Bean
    TomcatBodyLimits tomcatBodyLimits(BrokerProperties properties) {
        return new TomcatBodyLimits(properties.requestBody(), null);
    }
}
