package dev.sessionbroker.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged broker (../target, built by the broker's own build) with its demo profile in a
 * JVM of its own, and a small Boot application using the starter: each demo emulator's
 * protected sample endpoint answers a RestClient carrying the interceptor, and a session the
 * vendor has ended (Infinite Blue's logout) is refreshed and the call retried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {

    private Process broker;

    private Path log;

    private String brokerUrl;

    private ConfigurableApplicationContext caller;

    @BeforeAll
    void startBrokerAndCaller() throws Exception {
        int port = freePort();
        this.brokerUrl = "http://127.0.0.1:" + port;
        this.log = Files.createTempFile("session-broker-e2e", ".log");
        this.broker = new ProcessBuilder(java(), "-jar", brokerJar().toString(), "--spring.profiles.active=demo",
                "--server.port=" + port, "--server.address=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(this.log.toFile())
            .start();
        HttpClient http = HttpClient.newHttpClient();
        // Generous: on a loaded 2-core CI machine the broker has taken close to 2 minutes to start.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> http.send(HttpRequest.newBuilder(URI.create(this.brokerUrl + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        this.caller = new SpringApplicationBuilder(CallerApplication.class).web(WebApplicationType.NONE)
            .properties("session-broker.url=" + this.brokerUrl)
            .run();
    }

    @AfterAll
    void stop() throws Exception {
        if (this.caller != null) {
            this.caller.close();
        }
        if (this.broker != null) {
            this.broker.destroy();
            if (!this.broker.waitFor(30, TimeUnit.SECONDS)) {
                this.broker.destroyForcibly();
            }
        }
    }

    @Test
    void everyDemoVendorAnswersWithTheSessionWhereTheBrokerSaysItGoes() {
        assertThat(status(vendor("alertsite", "/emulator/alertsite").get().uri("/sample"))).isEqualTo(200);
        assertThat(status(vendor("appviewx", "/emulator/appviewx/avxapi").get().uri("/sample"))).isEqualTo(200);
        assertThat(status(vendor("infiniteblue", "/emulator/infiniteblue").get().uri("/sample?output=json")))
            .isEqualTo(200);
        assertThat(status(vendor("revulytics", "/emulator/revulytics").post().uri("/auth/sample")
            .contentType(MediaType.APPLICATION_JSON).body("{}"))).isEqualTo(200);
    }

    @Test
    void aSessionTheVendorEndedIsRefreshedAndTheCallRetried() throws Exception {
        SessionBrokerClient client = this.caller.getBean(SessionBrokerClient.class);
        RestClient infiniteBlue = vendor("infiniteblue", "/emulator/infiniteblue");
        assertThat(status(infiniteBlue.get().uri("/sample?output=json"))).isEqualTo(200);
        String ended = client.session("infiniteblue").sessionId();

        RestClient.create(this.brokerUrl).get().uri("/emulator/infiniteblue/logout?sessionId={id}", ended)
            .retrieve().toBodilessEntity();
        assertThat(status(RestClient.create(this.brokerUrl).get()
            .uri("/emulator/infiniteblue/sample?output=json&sessionId={id}", ended))).as("ended at the vendor")
            .isEqualTo(401);

        assertThat(status(infiniteBlue.get().uri("/sample?output=json"))).isEqualTo(200);
        assertThat(client.session("infiniteblue").sessionId()).isNotEqualTo(ended);
        // The first login and the one the refresh caused, whichever test ran first.
        assertThat(Files.readString(this.log).lines().filter((line) -> line.contains(
                "login vendor=infiniteblue outcome=success"))).hasSize(2);
    }

    private RestClient vendor(String vendor, String emulatorPath) {
        return this.caller.getBean(RestClient.Builder.class).clone()
            .baseUrl(this.brokerUrl + emulatorPath)
            .requestInterceptor(this.caller.getBean(SessionBrokerClient.class).interceptor(vendor))
            .build();
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        Integer status = request.exchange((req, response) -> response.getStatusCode().value());
        return status;
    }

    private static Path brokerJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "target"))) {
            List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("session-broker-.*\\.jar"))
                .toList();
            assertThat(jars).as("the broker packaged in ../target (./mvnw -B verify, or package)").hasSize(1);
            return jars.get(0).toAbsolutePath();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A caller service: nothing but the starter and Boot's RestClient.Builder. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CallerApplication {
    }
}
