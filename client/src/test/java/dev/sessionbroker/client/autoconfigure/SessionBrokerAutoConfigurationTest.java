package dev.sessionbroker.client.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.sessionbroker.client.SessionBrokerClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** session-broker.* as an application sets it, against a WireMock broker. */
class SessionBrokerAutoConfigurationTest {

    @RegisterExtension
    static WireMockExtension broker = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();

    @TempDir
    Path directory;

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SessionBrokerAutoConfiguration.class));

    @Test
    void noClientWithoutTheBrokerUrl() {
        this.contexts.run((context) -> assertThat(context).doesNotHaveBean(SessionBrokerClient.class));
    }

    @Test
    void bearerTokenComesFromTheFileAndARotatedOneIsUsed() throws Exception {
        stubSession("appviewx");
        stubSession("alertsite");
        Path token = write("token-1", 1);

        this.contexts
            .withPropertyValues("session-broker.url=" + broker.baseUrl(), "session-broker.token-file=" + token,
                    "session-broker.token-check-interval=0s")
            .run((context) -> {
                SessionBrokerClient client = context.getBean(SessionBrokerClient.class);
                client.session("appviewx");
                write("token-2", 2);
                client.session("alertsite");
            });

        broker.verify(getRequestedFor(urlEqualTo("/sessions/appviewx")).withHeader("Authorization",
                equalTo("Bearer token-1")));
        broker.verify(getRequestedFor(urlEqualTo("/sessions/alertsite")).withHeader("Authorization",
                equalTo("Bearer token-2")));
    }

    @Test
    void timeoutsDefaultToCoverTheBrokersLongestAnswers() {
        SessionBrokerProperties defaults = new SessionBrokerProperties();

        // A caller waiting on a slow vendor login is answered by the broker within 2 min; a paced refresh in 5 s.
        assertThat(defaults.getReadTimeout()).isGreaterThan(Duration.ofMinutes(2));
        assertThat(defaults.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.getRejectedStatuses()).containsExactly(401);
    }

    @Test
    void brokerCallsAreObservedThroughTheApplicationsRegistry() {
        stubSession("appviewx");
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName() + context.getLowCardinalityKeyValues().stream()
                    .filter((keyValue) -> keyValue.getKey().equals("vendor") || keyValue.getKey().equals("operation"))
                    .map((keyValue) -> " " + keyValue.getKey() + "=" + keyValue.getValue())
                    .reduce("", String::concat));
            }
        });

        this.contexts.withBean(ObservationRegistry.class, () -> registry)
            .withPropertyValues("session-broker.url=" + broker.baseUrl())
            .run((context) -> context.getBean(SessionBrokerClient.class).session("appviewx"));

        assertThat(observed).contains("http.client.requests", "session.broker.client operation=get vendor=appviewx");
    }

    private static void stubSession(String vendor) {
        broker.stubFor(get("/sessions/" + vendor).willReturn(okJson("{\"vendor\":\"" + vendor + "\",\"type\":\""
                + vendor + "\",\"sessionId\":\"s1\",\"obtainedAt\":\"2026-11-22T21:57:27Z\","
                + "\"placement\":{\"in\":\"header\",\"name\":\"sessionId\"},\"expiresAt\":\"2099-01-01T00:00:00Z\"}")));
    }

    private Path write(String content, long seconds) throws Exception {
        Path file = Files.writeString(this.directory.resolve("token"), content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(seconds * 1000));
        return file;
    }
}
