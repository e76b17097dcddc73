package dev.sessionbroker.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessionbroker.config.Secret;

/**
 * The OpenAPI 3.1 description of {@code /sessions} and {@code /proxy} served at
 * {@code /v3/api-docs} (springdoc), checked into docs/openapi.json. springdoc reads the
 * mappings; this adds what the controllers' signatures cannot say: the answers' bodies, the
 * RFC 9457 problems each endpoint can answer with (type, title and status from the
 * {@link Problem} catalogue the answers are made of) and examples. The server is relative, so the
 * document does not depend on the address it is read from.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final String PROBLEM = "#/components/schemas/ProblemDetail";

    private static final String PROXY_PATH = "/proxy/{vendor}/{path}";

    static {
        // A one-time password is a Secret in Java and a plain string on the wire.
        SpringDocUtils.getConfig().replaceWithClass(Secret.class, String.class);
    }

    @Bean
    OpenAPI brokerOpenApi() {
        return new OpenAPI().info(new Info().title("Session Broker")
            .version("1")
            .description("Hands out cached vendor sessions (GET /sessions/{vendor}) and proxies calls to vendors "
                    + "with the session injected (/proxy/{vendor}/...). Errors are RFC 9457 problems whose type is "
                    + "a stable URN " + Problem.TYPE_PREFIX + "<name>."))
            .servers(List.of(new Server().url("/").description("the broker")))
            .components(new Components().addSecuritySchemes("bearer",
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A client token (broker.clients); not needed on loopback without clients")))
            .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer brokerOperations() {
        return (openApi) -> {
            openApi.getComponents().addSchemas("ProblemDetail", problemSchema())
                .addSchemas("Session", sessionSchema())
                .addSchemas("VendorStates", vendorStatesSchema());
            // springdoc sees two mappings and seven methods, and names them proxy, proxy_1 ...
            // proxy_13 in an order of its own: one wildcard path instead, an operation per method.
            PathItem proxied = openApi.getPaths().remove("/proxy/{vendor}/**");
            openApi.getPaths().remove("/proxy/{vendor}");
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> describe(path, operation)));
            if (proxied != null) {
                openApi.getPaths().addPathItem(PROXY_PATH, proxy(proxied));
            }
        };
    }

    private static PathItem proxy(PathItem mapped) {
        PathItem item = new PathItem();
        mapped.readOperationsMap().forEach((method, operation) -> {
            String name = method.name().toLowerCase(Locale.ROOT);
            operation.operationId("proxy" + Character.toUpperCase(name.charAt(0)) + name.substring(1))
                .tags(List.of("proxy"))
                .summary(method.name() + " the rest of the path at the vendor, the session injected")
                .addParametersItem(new PathParameter().name("path")
                    .description("The rest of the path, passed as is: placed in the URL verbatim and "
                            + "forwarded after the vendor's base-url, so any number of segments with their "
                            + "slashes unencoded, percent-encoded as the vendor expects, and a query string if "
                            + "any; empty for the base-url itself. OpenAPI cannot say that a path parameter spans "
                            + "segments, and generated clients percent-encode '/' in one by default, which the "
                            + "broker refuses (400): turn that encoding off for this client (README, API "
                            + "description: a Java RestClient uses DefaultUriBuilderFactory.EncodingMode.NONE).")
                    .example("api/v1/items?page=2")
                    .schema(typed("string")));
            ApiResponses responses = operation.getResponses();
            responses.clear();
            responses.put("200", new ApiResponse().description("The vendor's answer, status, headers and body as "
                    + "it sent them (any status the vendor chose, with any body)")
                .content(new Content().addMediaType("*/*", new MediaType().schema(binary()))));
            problems(responses, Problem.UNSAFE_PROXY_PATH, Problem.UNAUTHENTICATED, Problem.FORBIDDEN,
                    Problem.UNKNOWN_VENDOR, Problem.REQUEST_BODY_TIMEOUT, Problem.PAYLOAD_TOO_LARGE,
                    Problem.PROXY_NOT_CONFIGURED, Problem.VENDOR_UNAVAILABLE, Problem.PROXY_SATURATED,
                    Problem.VENDOR_TIMEOUT);
            if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                    || method == PathItem.HttpMethod.PATCH) {
                operation.requestBody(new RequestBody().required(false)
                    .description("Forwarded to the vendor as it is, with its Content-Type")
                    .content(new Content().addMediaType("*/*", new MediaType().schema(binary()))));
            }
            item.operation(method, operation);
        });
        return item;
    }

    private static void describe(String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        responses.remove("400");
        responses.remove("500");
        // Generators name API classes after tags and methods after operationIds; "list" is a
        // reserved word to some (callList).
        operation.tags(List.of("sessions"));
        if (path.equals("/sessions")) {
            operation.operationId("listVendors");
            responses.put("200", new ApiResponse().description("Every vendor the caller may use, with its state")
                .content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/VendorStates")))));
            problems(responses, Problem.UNAUTHENTICATED);
            return;
        }
        if (operation.getOperationId() != null && operation.getOperationId().startsWith("delete")) {
            responses.remove("200");
            responses.put("204", new ApiResponse().description("The cached session is dropped (or there was none)"));
            problems(responses, Problem.INVALID_VENDOR_NAME, Problem.UNAUTHENTICATED, Problem.FORBIDDEN,
                    Problem.UNKNOWN_VENDOR);
            return;
        }
        if ("session".equals(operation.getOperationId())) {
            // Its handler reads the header from the request itself, where springdoc cannot see it.
            operation.addParametersItem(new HeaderParameter().name("Accept").required(false).schema(typed("string")));
        }
        responses.put("200", new ApiResponse().description("A session; text/plain gives the bare session ID")
            .content(new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Session"))
                    .addExamples("session", new Example().value(Map.of("vendor", "appviewx", "type", "appviewx",
                            "sessionId", "ef770427109e343e", "obtainedAt", "2026-11-22T21:57:27.982Z", "placement",
                            Map.of("in", "header", "name", "sessionId"), "expiresAt", "2026-11-22T22:12:27.983Z"))))
                .addMediaType("text/plain", new MediaType().schema(typed("string"))
                    .addExamples("session", new Example().value("ef770427109e343e")))));
        problems(responses, Problem.INVALID_VENDOR_NAME, Problem.UNAUTHENTICATED, Problem.FORBIDDEN,
                Problem.UNKNOWN_VENDOR, Problem.AUTHENTICATION_THROTTLED, Problem.LOGIN_REJECTED,
                Problem.VENDOR_COOLING_DOWN, Problem.VENDOR_TIMEOUT);
        if ("refresh".equals(operation.getOperationId())) {
            problems(responses, Problem.REQUEST_BODY_TIMEOUT, Problem.PAYLOAD_TOO_LARGE);
        }
    }

    /**
     * One answer per status, an example of its problem with the catalogue's type, title and
     * status: what the broker serves, never a second spelling of it.
     */
    private static void problems(ApiResponses responses, Problem... problems) {
        Arrays.stream(problems).sorted(Comparator.comparingInt((Problem problem) -> problem.status().value()))
            .forEach((problem) -> {
                Map<String, Object> example = new LinkedHashMap<>();
                example.put("type", problem.type().toString());
                example.put("title", problem.title());
                example.put("status", problem.status().value());
                example.put("detail", "…");
                responses.put(Integer.toString(problem.status().value()),
                        new ApiResponse().description("Problem " + problem.type())
                            .content(new Content().addMediaType(PROBLEM_JSON,
                                    new MediaType().schema(new Schema<>().$ref(PROBLEM))
                                        .addExamples(problem.slug(), new Example().value(example)))));
            });
    }

    /** OpenAPI 3.1 schemas carry their type in "types"; "type" alone is dropped from a 3.1 document. */
    private static Schema<?> typed(String type) {
        return new Schema<>().type(type).types(Set.of(type));
    }

    /** Bytes as they come: a generated Java client reads them as a Resource (useAbstractionForFiles). */
    private static Schema<?> binary() {
        return typed("string").format("binary");
    }

    /** {@code GET /sessions}: {@link VendorStateView}s, the schema springdoc derives from the record. */
    private static Schema<?> vendorStatesSchema() {
        return typed("object")
            .addProperty("vendors", typed("array").items(new Schema<>().$ref("#/components/schemas/VendorStateView")))
            .required(List.of("vendors"));
    }

    private static Schema<?> problemSchema() {
        return typed("object")
            .description("RFC 9457 problem details; vendor and vendorStatus where the vendor is involved")
            .addProperty("type", typed("string").format("uri"))
            .addProperty("title", typed("string"))
            .addProperty("status", typed("integer"))
            .addProperty("detail", typed("string"))
            .addProperty("instance", typed("string"))
            .addProperty("vendor", typed("string"))
            .addProperty("vendorStatus", typed("string"));
    }

    /** {@link PlacementView}: where the caller puts the session on its own vendor calls. */
    private static Schema<?> placementSchema() {
        return typed("object")
            .description("Where the session goes on the caller's own calls to the vendor, by the rules the proxy "
                    + "applies: a header (name, optional prefix), a query parameter (name), a cookie (name; none "
                    + "when the session already is name=value), a field of the JSON body (name, with fields set "
                    + "beside it) or HTTP Basic (username, the session as password)")
            .addProperty("in", new Schema<String>().type("string").types(Set.of("string"))
                ._enum(List.of("header", "query", "cookie", "body", "basic")))
            .addProperty("name", typed("string"))
            .addProperty("prefix", typed("string"))
            .addProperty("username", typed("string"))
            .addProperty("fields", typed("object").additionalProperties(typed("string")))
            .required(List.of("in"));
    }

    private static Schema<?> sessionSchema() {
        return typed("object")
            .addProperty("vendor", typed("string"))
            .addProperty("type", typed("string"))
            .addProperty("sessionId", typed("string"))
            .addProperty("obtainedAt", typed("string").format("date-time"))
            .addProperty("placement", placementSchema())
            .addProperty("expiresAt", typed("string").format("date-time"))
            .required(List.of("vendor", "type", "sessionId", "obtainedAt", "expiresAt"));
    }
}
