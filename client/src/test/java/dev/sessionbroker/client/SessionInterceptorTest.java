package dev.sessionbroker.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The interceptor on a RestClient, between a WireMock broker and a WireMock vendor that answers
 * only when the session is where the placement says.
 */
class SessionInterceptorTest {

    @RegisterExtension
    static WireMockExtension broker = BrokerStub.extension();

    @RegisterExtension
    static WireMockExtension vendor = BrokerStub.extension();

    private final MutableClock clock = new MutableClock(BrokerStub.NOW);

    private RestClient vendorClient(String placement, Set<Integer> rejectedStatuses) {
        broker.stubFor(get("/sessions/tickets")
            .willReturn(BrokerStub.session("tickets", "s1", Duration.ofMinutes(10), placement)));
        broker.stubFor(post("/sessions/tickets/refresh").withRequestBody(equalToJson("{\"rejectedSessionId\":\"s1\"}"))
            .willReturn(BrokerStub.session("tickets", "s2", Duration.ofMinutes(10), placement)));
        SessionBrokerClient client = BrokerStub.client(broker, this.clock, rejectedStatuses);
        return RestClient.builder().baseUrl(vendor.baseUrl()).requestInterceptor(client.interceptor("tickets")).build();
    }

    private RestClient vendorClient(String placement) {
        return vendorClient(placement, Set.of(401));
    }

    private int getStatus(RestClient client, String uri) {
        Integer status = client.get().uri(uri).exchange((request, response) -> response.getStatusCode().value());
        return status;
    }

    @Test
    void headerPlacementWithItsPrefix() {
        RestClient client = vendorClient("{\"in\":\"header\",\"name\":\"Authorization\",\"prefix\":\"Bearer \"}");
        vendor.stubFor(get("/sample").withHeader("Authorization", equalTo("Bearer s1")).willReturn(ok()));

        assertThat(getStatus(client, "/sample")).isEqualTo(200);
    }

    @Test
    void queryPlacementReplacesTheParameterAndKeepsTheOthers() {
        RestClient client = vendorClient("{\"in\":\"query\",\"name\":\"sessionId\"}");
        vendor.stubFor(get(urlEqualTo("/sample?objName=account&sessionId=s1")).willReturn(ok()));

        assertThat(getStatus(client, "/sample?objName=account&sessionId=forged")).isEqualTo(200);
    }

    @Test
    void cookiePlacementIsAddedToTheCallersCookies() {
        RestClient client = vendorClient("{\"in\":\"cookie\",\"name\":\"JSESSIONID\"}");
        vendor.stubFor(get("/sample").withHeader("Cookie", equalTo("theme=dark; JSESSIONID=s1")).willReturn(ok()));

        int status = client.get().uri("/sample").header("Cookie", "theme=dark")
            .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(200);
    }

    @Test
    void basicPlacementIsTheSessionAsPassword() {
        RestClient client = vendorClient("{\"in\":\"basic\",\"username\":\"ops@example.com\"}");
        String basic = Base64.getEncoder().encodeToString("ops@example.com:s1".getBytes(StandardCharsets.UTF_8));
        vendor.stubFor(get("/sample").withHeader("Authorization", equalTo("Basic " + basic)).willReturn(ok()));

        assertThat(getStatus(client, "/sample")).isEqualTo(200);
    }

    @Test
    void bodyPlacementSetsTheSessionAndItsFieldsInTheCallersJson() {
        RestClient client = vendorClient("{\"in\":\"body\",\"name\":\"sessionId\",\"fields\":{\"user\":\"reports\"}}");
        vendor.stubFor(post("/reporting").withRequestBody(
                equalToJson("{\"productId\":7,\"user\":\"reports\",\"sessionId\":\"s1\"}")).willReturn(ok()));

        int status = client.post().uri("/reporting").contentType(MediaType.APPLICATION_JSON)
            .body("{\"productId\":7,\"sessionId\":\"forged\"}")
            .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(200);
    }

    @Test
    void bodyPlacementRefusesABodyThatIsNotAJsonObjectBeforeSendingIt() {
        RestClient client = vendorClient("{\"in\":\"body\",\"name\":\"sessionId\"}");

        assertThatIllegalArgumentException().isThrownBy(() -> client.post().uri("/reporting")
            .contentType(MediaType.TEXT_PLAIN).body("productId=7").retrieve().toBodilessEntity())
            .withMessageContaining("JSON");
        vendor.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void rejectedSessionIsRefreshedByNameAndTheCallSentOnceMoreWithTheSameBody() {
        RestClient client = vendorClient("{\"in\":\"header\",\"name\":\"sessionId\"}");
        vendor.stubFor(post("/tickets").withHeader("sessionId", equalTo("s1")).willReturn(aResponse().withStatus(401)));
        vendor.stubFor(post("/tickets").withHeader("sessionId", equalTo("s2")).willReturn(ok("created")));

        String answer = client.post().uri("/tickets").contentType(MediaType.APPLICATION_JSON)
            .body("{\"title\":\"disk full\"}")
            .retrieve()
            .body(String.class);

        assertThat(answer).isEqualTo("created");
        broker.verify(1, postRequestedFor(urlEqualTo("/sessions/tickets/refresh")));
        vendor.verify(2, postRequestedFor(urlEqualTo("/tickets")).withRequestBody(equalTo("{\"title\":\"disk full\"}")));
        vendor.verify(1, postRequestedFor(urlEqualTo("/tickets")).withHeader("sessionId", equalTo("s2")));
    }

    @Test
    void aSecondRejectionIsTheCallersAnswerWithoutAnotherTry() {
        RestClient client = vendorClient("{\"in\":\"header\",\"name\":\"sessionId\"}");
        vendor.stubFor(get("/sample").willReturn(aResponse().withStatus(401)));

        assertThat(getStatus(client, "/sample")).isEqualTo(401);
        broker.verify(1, postRequestedFor(urlEqualTo("/sessions/tickets/refresh")));
        vendor.verify(2, getRequestedFor(urlPathEqualTo("/sample")));
    }

    @Test
    void theVendorsExpiredSessionStatusCanBeAddedToTheRejectedOnes() {
        RestClient client = vendorClient("{\"in\":\"header\",\"name\":\"sessionId\"}", Set.of(401, 419));
        vendor.stubFor(get("/sample").withHeader("sessionId", equalTo("s1")).willReturn(aResponse().withStatus(419)));
        vendor.stubFor(get("/sample").withHeader("sessionId", equalTo("s2")).willReturn(ok()));

        assertThat(getStatus(client, "/sample")).isEqualTo(200);
    }

    @Test
    void otherStatusesAreTheCallersAnswerWithoutARefresh() {
        RestClient client = vendorClient("{\"in\":\"header\",\"name\":\"sessionId\"}");
        vendor.stubFor(get("/sample").willReturn(aResponse().withStatus(403)));

        assertThat(getStatus(client, "/sample")).isEqualTo(403);
        broker.verify(0, postRequestedFor(urlEqualTo("/sessions/tickets/refresh")));
        vendor.verify(1, getRequestedFor(urlPathEqualTo("/sample")));
    }
}
