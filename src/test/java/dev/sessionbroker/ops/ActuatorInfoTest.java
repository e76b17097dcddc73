package dev.sessionbroker.ops;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.security.Tokens;
import dev.sessionbroker.support.BrokerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §7: /actuator/info shows the build (Boot's build-info goal) and the git commit
 * (git-commit-id-maven-plugin), to admin clients; the OpenAPI document is for admin clients
 * too. Over real HTTP with configured clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorInfoTest {

    static final String ADMIN_TOKEN = "admin-3b7d9f1e5a2c4d6e";

    static final String CALLER_TOKEN = "caller-8e6c4a2f0d1b3e5a";

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("broker.clients.ops.token-sha256", () -> Tokens.sha256Hex(ADMIN_TOKEN));
        registry.add("broker.clients.ops.admin", () -> "true");
        registry.add("broker.clients.billing.token-sha256", () -> Tokens.sha256Hex(CALLER_TOKEN));
        registry.add("broker.clients.billing.vendors", () -> "*");
    }

    @LocalServerPort
    int port;

    BrokerHttp http;

    @BeforeEach
    void setUp() {
        this.http = new BrokerHttp(this.port);
    }

    @Test
    void infoShowsTheBuildAndTheGitCommitToAdminClients() throws Exception {
        HttpResponse<String> answer = get("/actuator/info", ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode info = JsonMapper.builder().build().readTree(answer.body());
        assertThat(info.at("/build/artifact").asString()).isEqualTo("session-broker");
        assertThat(info.at("/build/version").asString()).isEqualTo(projectVersion());
        assertThat(info.at("/build/time").asString()).isNotBlank();
        assertThat(info.at("/git/commit/id").asString()).matches("[0-9a-f]{7,40}");
        assertThat(info.at("/git/branch").asString()).isNotBlank();
    }

    @Test
    void infoIsNotForOtherClients() {
        assertThat(get("/actuator/info", CALLER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(this.http.get("/actuator/info").statusCode()).isEqualTo(401);
    }

    @Test
    void apiDocumentIsForAdminClients() {
        assertThat(get("/v3/api-docs", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs", CALLER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(this.http.get("/v3/api-docs").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String token) {
        return this.http.send(this.http.request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    private static String projectVersion() throws Exception {
        Matcher version = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }
}
