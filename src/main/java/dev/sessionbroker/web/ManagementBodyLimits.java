package dev.sessionbroker.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.sessionbroker.config.BrokerProperties;

/**
 * The body limits on the actuator's own Tomcat, with {@code management.server.port}: probes
 * then have their own connector and threads, which a flood of slow bodies sent there must
 * not take either. Boot gives that server none of the API server's customizers, nor its
 * {@code server.tomcat.max-swallow-size}. Listed in
 * {@code META-INF/spring/…ManagementContextConfiguration.imports}; component scanning finds
 * it in the API's context too, where the condition leaves it out.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementBodyLimits.InChildContext.class)
class ManagementBodyLimits {

    @Bean
    TomcatBodyLimits managementBodyLimits(BrokerProperties properties, TomcatServerProperties tomcat) {
        return new TomcatBodyLimits(properties.requestBody(), tomcat.getMaxSwallowSize());
    }

    /** Only the management server's child context has a parent. */
    static final class InChildContext implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }
}
