package dev.sessionbroker.store;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configurations out unless {@code broker.store: redis}.
 * Without this, the default local store still got a Lettuce connection factory, its client
 * resources and Netty, templates and a reactive template: about 1 450 classes loaded and their
 * beans made at every start for a store nobody uses (bench/RESULTS.md, section 13). With
 * {@code broker.store: redis} nothing changes: Boot configures Redis as before and
 * {@link StoreConfiguration} uses it. Registered in META-INF/spring.factories.
 */
public class RedisOnlyForSharedStore implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String REDIS_AUTO_CONFIGURATIONS = "org.springframework.boot.data.redis.";

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean redis = this.environment != null
                && "redis".equalsIgnoreCase(this.environment.getProperty("broker.store", "local").trim());
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            String candidate = autoConfigurationClasses[i];
            match[i] = redis || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATIONS);
        }
        return match;
    }
}
