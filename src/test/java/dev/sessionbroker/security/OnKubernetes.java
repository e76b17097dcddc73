package dev.sessionbroker.security;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Makes Spring Boot believe it runs in a Kubernetes pod: the service variables every pod gets
 * ({@code KUBERNETES_SERVICE_HOST}, {@code _PORT}) added to the system environment property
 * source, where {@code CloudPlatform.KUBERNETES} looks for them.
 */
final class OnKubernetes implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        Map<String, Object> environment = new HashMap<>(System.getenv());
        environment.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        environment.put("KUBERNETES_SERVICE_PORT", "443");
        String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        sources.replace(name, new SystemEnvironmentPropertySource(name, environment));
    }
}
