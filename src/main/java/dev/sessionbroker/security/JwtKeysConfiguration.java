package dev.sessionbroker.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;

import dev.sessionbroker.config.BrokerProperties;

/**
 * How the JWT decoder Spring Boot builds from {@code spring.security.oauth2.resourceserver.jwt.*}
 * reaches the issuer's keys: timeouts, the trust of an SSL bundle, and the broker's own bearer
 * token where the key server wants an authenticated caller (the Kubernetes API server does).
 * Without a JWK set or issuer configured no decoder is built and this customizer is never
 * called.
 */
@Configuration(proxyBeanMethods = false)
class JwtKeysConfiguration {

    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer jwkSetConnection(BrokerProperties properties, ObjectProvider<SslBundles> bundles) {
        BrokerProperties.Jwt jwt = properties.security().jwt();
        return (builder) -> {
            RestTemplateBuilder rest = new RestTemplateBuilder().connectTimeout(jwt.connectTimeout())
                .readTimeout(jwt.readTimeout());
            String bundle = jwt.sslBundle();
            if (bundle != null && !bundle.isBlank()) {
                rest = rest.sslBundle(bundles.getObject().getBundle(bundle));
            }
            Path tokenFile = jwt.bearerTokenFile();
            if (tokenFile != null) {
                rest = rest.additionalInterceptors(bearerTokenFrom(tokenFile));
            }
            builder.restOperations(rest.build());
        };
    }

    /**
     * Read on every fetch, not once: a projected service-account token is replaced by the
     * kubelet long before it expires, and fetches are rare (a new key id, or every five minutes).
     */
    private static ClientHttpRequestInterceptor bearerTokenFrom(Path file) {
        return (request, body, execution) -> {
            request.getHeaders().setBearerAuth(Files.readString(file, StandardCharsets.UTF_8).trim());
            return execution.execute(request, body);
        };
    }
}
