package dev.sessionbroker.ops;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.support.BrokerWithClientsFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /actuator/info shows the build (Boot's build-info goal) and the git commit
 * (git-commit-id-maven-plugin), to admin clients; the OpenAPI document to every client.
 * Over real HTTP with configured clients.
 */
class ActuatorInfoTest extends BrokerWithClientsFixture {

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

    /**
     * build.time is the time of the commit built (reproducible: a rebuild of the commit gives
     * the same), not a date fixed in pom.xml that every build since would show.
     */
    @Test
    void buildTimeIsTheCommitTime() {
        JsonNode info = JsonMapper.builder().build().readTree(get("/actuator/info", ADMIN_TOKEN).body());

        Instant built = Instant.parse(info.at("/build/time").asString());
        Instant committed = Instant.parse(info.at("/git/commit/time").asString());
        assertThat(built).isEqualTo(committed).isNotEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
    }

    @Test
    void infoIsNotForOtherClients() {
        assertThat(get("/actuator/info", BILLING_TOKEN).statusCode()).isEqualTo(403);
        assertThat(this.http.get("/actuator/info").statusCode()).isEqualTo(401);
    }

    /** Caller teams generate their clients from it, so every client may read it; nobody else. */
    @Test
    void apiDocumentIsForEveryClient() {
        assertThat(get("/v3/api-docs", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> caller = get("/v3/api-docs", BILLING_TOKEN);
        assertThat(caller.statusCode()).isEqualTo(200);
        assertThat(caller.body()).contains("\"/sessions/{vendor}\"")
            .doesNotContain("billing", "outsider", BILLING_TOKEN, ADMIN_TOKEN);
        assertThat(get("/v3/api-docs.yaml", OUTSIDER_TOKEN).statusCode()).isEqualTo(200);
        assertThat(this.http.get("/v3/api-docs").statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs", "not-a-client-token").statusCode()).isEqualTo(401);
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
