package dev.sessionbroker.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        assertThat(document.at("/paths/~1proxy~1{vendor}~1{path}/get/responses/501/content/application~1problem+json"
                + "/examples/proxy-not-configured").isMissingNode()).isFalse();
        assertThat(document.at("/paths/~1sessions~1{vendor}~1refresh/post").isMissingNode()).isFalse();
        assertThat(document.at("/paths/~1sessions~1{vendor}/delete/responses/204").isMissingNode()).isFalse();
        assertThat(document.at("/paths").propertyNames()).allMatch((path) -> path.startsWith("/sessions")
                || path.startsWith("/proxy/"));
    }

    /**
     * A generator makes a method per operation and a type per schema: an answer without a
     * schema becomes a void method (GET /sessions was one), an error without one an untyped
     * exception body. Only a 204 has no body to describe.
     */
    @Test
    void everyAnswerHasASchemaAndEveryErrorIsAProblemDetail() throws Exception {
        JsonNode document = document();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    String where = operation.getKey() + " " + path.getKey() + " " + response.getKey();
                    JsonNode content = response.getValue().path("content");
                    if (response.getKey().equals("204")) {
                        assertThat(content.isMissingNode()).as(where).isTrue();
                    }
                    else if (response.getKey().matches("[45]..")) {
                        assertThat(content.propertyNames()).as(where).containsExactly("application/problem+json");
                        assertThat(content.at("/application~1problem+json/schema/$ref").asString()).as(where)
                            .isEqualTo("#/components/schemas/ProblemDetail");
                    }
                    else if (content.isEmpty() || content.valueStream().anyMatch((type) -> !type.has("schema"))) {
                        missing.add(where);
                    }
                }
            }
        }
        assertThat(missing).as("answers without a schema").isEmpty();
        assertThat(document.at("/paths/~1sessions/get/responses/200/content/application~1json/schema/$ref").asString())
            .isEqualTo("#/components/schemas/VendorStates");
        assertThat(document.at("/components/schemas/VendorStates/properties/vendors/items/$ref").asString())
            .isEqualTo("#/components/schemas/VendorStateView");
    }

    /**
     * The proxy is one wildcard path with one operation per method, each with a stable
     * operationId (generators name methods after them: proxy_7 told nobody it was a GET with
     * a path), and its path parameter says that it spans segments.
     */
    @Test
    void proxyIsOneWildcardPathWithAnOperationPerMethod() throws Exception {
        JsonNode document = document();
        assertThat(document.path("paths").propertyNames()).filteredOn((path) -> path.startsWith("/proxy"))
            .containsExactly("/proxy/{vendor}/{path}");
        JsonNode proxy = document.at("/paths/~1proxy~1{vendor}~1{path}");
        Map<String, String> operationIds = new java.util.LinkedHashMap<>();
        proxy.properties().forEach((operation) -> operationIds.put(operation.getKey(),
                operation.getValue().path("operationId").asString()));
        assertThat(operationIds).containsOnly(Map.entry("get", "proxyGet"), Map.entry("post", "proxyPost"),
                Map.entry("put", "proxyPut"), Map.entry("patch", "proxyPatch"), Map.entry("delete", "proxyDelete"),
                Map.entry("head", "proxyHead"), Map.entry("options", "proxyOptions"));
        for (JsonNode operation : proxy) {
            JsonNode parameter = operation.path("parameters").valueStream()
                .filter((candidate) -> candidate.path("name").asString().equals("path"))
                .findFirst()
                .orElseThrow();
            assertThat(parameter.path("in").asString()).isEqualTo("path");
            assertThat(parameter.path("description").asString()).contains("as is").contains("slashes");
        }
        List<String> all = document.path("paths").valueStream()
            .flatMap((item) -> item.valueStream())
            .map((operation) -> operation.path("operationId").asString())
            .toList();
        assertThat(all).doesNotHaveDuplicates().noneMatch(String::isEmpty);
    }

    private JsonNode document() throws Exception {
        HttpResponse<String> answer = new BrokerHttp(this.port).get("/v3/api-docs");
        assertThat(answer.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body());
    }
}
