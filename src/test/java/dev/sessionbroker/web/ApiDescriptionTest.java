package dev.sessionbroker.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.support.BrokerFixture;
import dev.sessionbroker.support.BrokerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI 3.1 description the broker serves at /v3/api-docs is the one checked into
 * docs/openapi.json, which caller teams generate clients from. When the API changes, this
 * fails and leaves the served document in target/openapi.json to copy over.
 */
class ApiDescriptionTest extends BrokerFixture {

    private static final Path CHECKED_IN = Path.of("docs/openapi.json");

    @Test
    void servedDocumentIsTheCheckedInOne() throws Exception {
        HttpResponse<String> answer = new BrokerHttp(this.port).get("/v3/api-docs");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode served = json.readTree(answer.body());
        Files.writeString(Path.of("target/openapi.json"), answer.body().strip() + "\n");

        assertThat(served.path("openapi").asString()).startsWith("3.1");
        assertThat(Files.exists(CHECKED_IN) && json.readTree(Files.readString(CHECKED_IN)).equals(served))
            .as("docs/openapi.json differs from the served document; if the change is intended: "
                    + "cp target/openapi.json docs/openapi.json")
            .isTrue();
    }

    @Test
    void sessionsAndProxyAreDescribedWithTheirProblems() throws Exception {
        JsonNode document = JsonMapper.builder().build()
            .readTree(new BrokerHttp(this.port).get("/v3/api-docs").body());

        JsonNode handOut = document.at("/paths/~1sessions~1{vendor}/get/responses");
        assertThat(handOut.at("/200/content/application~1json/schema/$ref").asString())
            .isEqualTo("#/components/schemas/Session");
        assertThat(document.at("/components/schemas/Session/properties/placement/properties/in/enum").toString())
            .isEqualTo("[\"header\",\"query\",\"cookie\",\"body\",\"basic\"]");
        assertThat(handOut.at("/503/content/application~1problem+json/examples/vendor-cooling-down/value/type")
            .asString()).isEqualTo("urn:session-broker:problem:vendor-cooling-down");
        assertThat(document.at("/paths/~1proxy~1{vendor}~1{path}/get/responses/501").isMissingNode()).isFalse();
        assertThat(document.at("/paths/~1sessions~1{vendor}~1refresh/post").isMissingNode()).isFalse();
        assertThat(document.at("/paths/~1sessions~1{vendor}/delete/responses/204").isMissingNode()).isFalse();
        assertThat(document.at("/paths").propertyNames()).allMatch((path) -> path.startsWith("/sessions")
                || path.startsWith("/proxy/"));
    }
}
