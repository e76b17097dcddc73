package dev.sessionbroker.adapter.acme;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.QuietOutput;
import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.adapter.VendorDefinition;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A vendor type registered from the test tree, with nothing changed in the broker: one
 * definition bean is enough for login, caching, the API, proxy injection and the expired
 * session rule, and for its configuration to be checked.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AddingAVendorTest {

    @RegisterExtension
    static WireMockExtension acme = StrictVendorStub.extension();

    @TestConfiguration(proxyBeanMethods = false)
    static class AcmeRegistration {

        @Bean
        VendorDefinition acmeVendor() {
            return new AcmeVendor();
        }
    }

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("broker.vendors.acme.type", () -> "acme");
        registry.add("broker.vendors.acme.base-url", () -> acme.baseUrl() + "/api");
        registry.add("broker.vendors.acme.username", () -> "robot");
        registry.add("broker.vendors.acme.password", () -> "acme-secret");
        registry.add("broker.vendors.acme.acme.tenant", () -> "north7");
        registry.add("broker.vendors.acme.min-login-interval", () -> "0");
    }

    @LocalServerPort
    int port;

    @Test
    void aRegisteredTypeLogsInAndHandsOutItsSession() {
        acme.stubFor(post("/api/sessions").willReturn(okJson("{\"result\":\"ok\",\"token\":\"acme-token-1\"}")));

        HttpResponse<String> response = new BrokerHttp(this.port).get("/sessions/acme");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"type\":\"acme\"").contains("\"sessionId\":\"acme-token-1\"");
        acme.verify(postRequestedFor(urlEqualTo("/api/sessions"))
            .withRequestBody(equalToJson("{\"user\":\"robot\",\"secret\":\"acme-secret\",\"tenant\":\"north7\"}")));
    }

    @Test
    void theProxyPlacesTheSessionAndRenewsItTheWayTheDefinitionSays() {
        BrokerHttp http = new BrokerHttp(this.port);
        http.delete("/sessions/acme");
        acme.stubFor(post("/api/sessions").inScenario("logins").whenScenarioStateIs("Started")
            .willReturn(okJson("{\"result\":\"ok\",\"token\":\"old\"}")).willSetStateTo("second"));
        acme.stubFor(post("/api/sessions").inScenario("logins").whenScenarioStateIs("second")
            .willReturn(okJson("{\"result\":\"ok\",\"token\":\"new\"}")));
        acme.stubFor(get("/api/widgets").withHeader("X-Acme-Token", equalTo("old"))
            .willReturn(okJson("{\"result\":\"expired\"}")));
        acme.stubFor(get("/api/widgets").withHeader("X-Acme-Token", equalTo("new"))
            .willReturn(okJson("{\"result\":\"ok\",\"widgets\":[]}")));

        HttpResponse<String> response = http.get("/proxy/acme/widgets");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("widgets");
        acme.verify(getRequestedFor(urlEqualTo("/api/widgets")).withHeader("X-Acme-Token", equalTo("new")));
    }

    @Test
    @ExtendWith(QuietOutput.class)
    void theTypesOwnKeysAreRequiredCheckedAndOnlyItsOwn(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start())
            .withStackTraceContaining("broker.vendors.acme.acme.tenant").withStackTraceContaining("must not be null");
        assertThatException().isThrownBy(() -> start("--broker.vendors.acme.acme.tenant=North 7"))
            .withStackTraceContaining("broker.vendors.acme.acme.tenant")
            .withStackTraceContaining("must be 1 to 32 letters or digits");
        assertThatException().isThrownBy(() -> start("--broker.vendors.acme.acme.tenant=north7",
                "--broker.vendors.acme.acme.tennant=north7"))
            .withStackTraceContaining("broker.vendors.acme.acme.tennant");
        assertThatException().isThrownBy(() -> start("--broker.vendors.acme.acme.tenant=north7",
                "--broker.vendors.acme.revulytics.use-cookies=true"))
            .withStackTraceContaining("broker.vendors.acme.revulytics")
            .withStackTraceContaining("only applies to type revulytics, not acme");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "must be 1 to 32 letters or digits",
                "Vendor 'acme': broker.vendors.acme.acme.tennant is not a known key",
                "only applies to type revulytics, not acme").doesNotContain("North 7");
    }

    private static void start(String... args) {
        String[] common = { "--server.port=0", "--broker.vendors.acme.type=acme",
                "--broker.vendors.acme.base-url=http://127.0.0.1:1/api", "--broker.vendors.acme.username=robot",
                "--broker.vendors.acme.password=x" };
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        new SpringApplicationBuilder(SessionBrokerApplication.class, AcmeRegistration.class).run(all).close();
    }
}
