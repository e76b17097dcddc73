package dev.sessionbroker.client.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.sessionbroker.client.BearerTokenFile;
import dev.sessionbroker.client.SessionBrokerClient;

/**
 * A {@link SessionBrokerClient} from {@code session-broker.*} once {@code session-broker.url}
 * is set. Its broker calls go through the JDK's HTTP client (no extra dependency) with the
 * configured timeouts, and are observed through the application's {@link ObservationRegistry}
 * where it has one (Boot's actuator makes one), as {@code http.client.requests} beside the
 * client's own {@code session.broker.client}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "session-broker", name = "url")
@EnableConfigurationProperties(SessionBrokerProperties.class)
public class SessionBrokerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SessionBrokerClient sessionBrokerClient(SessionBrokerProperties properties,
            ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        URI url = Objects.requireNonNull(properties.getUrl(), "session-broker.url");
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(properties.getConnectTimeout())
                    .build());
        requests.setReadTimeout(properties.getReadTimeout());
        RestClient.Builder broker = RestClient.builder()
            .baseUrl(url.toString())
            .requestFactory(requests)
            .observationRegistry(registry);
        Path tokenFile = properties.getTokenFile();
        if (tokenFile != null) {
            BearerTokenFile token = new BearerTokenFile(tokenFile, properties.getTokenCheckInterval(),
                    Clock.systemUTC());
            broker.defaultRequest((request) -> request.headers((headers) -> headers.setBearerAuth(token.get())));
        }
        return new SessionBrokerClient(broker.build(), properties.getExpiryMargin(), properties.getRejectedStatuses(),
                registry, Clock.systemUTC());
    }
}
