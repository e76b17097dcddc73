package dev.sessionbroker;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.support.StrictVendorStub;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.StubVendorKeys;
import dev.sessionbroker.support.RootLogLevelRestored;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every log at DEBUG and every actuator endpoint exposed, logins that succeed, get
 * rejected, time out and answer garbage leave no password in any log line or answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.root=DEBUG", "logging.level.wiremock=INFO", "logging.level.com.github.tomakehurst=INFO",
        "management.endpoints.web.exposure.include=*" })
@ExtendWith({ OutputCaptureExtension.class, RootLogLevelRestored.class })
class SecretHygieneTest {

    static final String GOOD = "Good-Pa55word-1";

    static final String WRONG = "Wrong-Pa55word-2";

    static final String GARBAGE = "Garbage-Pa55word-3";

    static final String SLOW = "Slow-Pa55word-4";

    @RegisterExtension
    static WireMockExtension vendor = StrictVendorStub.extension();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        Map.of("good", GOOD, "wrong", WRONG, "garbage", GARBAGE, "slow", SLOW).forEach((name, password) ->
                StubVendorKeys.register(registry, StubVendorKeys.of(name, "alertsite", vendor.baseUrl(), password,
                        "read-timeout=" + (name.equals("slow") ? "300ms" : "5s"), "retry.max-attempts=2",
                        "retry.initial-backoff=10ms")));
    }

    @LocalServerPort
    int port;

    @Test
    void noPasswordInLogsAnswersOrActuatorEndpoints(CapturedOutput output) {
        vendor.stubFor(post("/good/login").willReturn(okJson(read("alertsite/login-success.json"))));
        vendor.stubFor(post("/wrong/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        vendor.stubFor(post("/garbage/login").willReturn(aResponse().withStatus(500).withBody("echo " + GARBAGE)));
        vendor.stubFor(post("/slow/login").willReturn(okJson(read("alertsite/login-success.json")).withFixedDelay(1000)));
        BrokerHttp http = new BrokerHttp(this.port);
        List<HttpResponse<String>> answers = new ArrayList<>();

        for (String name : List.of("good", "wrong", "garbage", "slow")) {
            answers.add(http.get("/sessions/" + name));
        }
        answers.add(http.get("/sessions/wrong"));
        answers.add(http.postEmpty("/sessions/good/refresh"));
        answers.add(http.get("/sessions"));
        for (String endpoint : List.of("env", "configprops", "health", "info", "beans", "metrics")) {
            answers.add(http.get("/actuator/" + endpoint));
        }

        assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 502, 503, 504);
        assertThat(answers.get(answers.size() - 6).statusCode()).as("env endpoint served").isEqualTo(200);
        assertThat(answers.get(answers.size() - 5).statusCode()).as("configprops endpoint served").isEqualTo(200);
        assertThat(output.getAll()).as("DEBUG logging is really on").contains("DEBUG");
        for (String password : List.of(GOOD, WRONG, GARBAGE, SLOW)) {
            assertThat(output.getAll()).doesNotContain(password);
            assertThat(answers).allSatisfy((answer) -> assertThat(answer.body()).doesNotContain(password));
        }
    }
}
