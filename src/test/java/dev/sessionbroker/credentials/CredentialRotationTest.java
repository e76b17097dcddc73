package dev.sessionbroker.credentials;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.security.Tokens;
import dev.sessionbroker.support.BrokerHttp;
import dev.sessionbroker.support.StrictVendorStub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials rotated in a config tree, as an operator (or the kubelet) does it, take effect
 * without a restart: a fixed password lifts the cool-down with one login, a broken one keeps
 * the working credentials, and caller tokens come and go. No value reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialRotationTest {

    private static final String WRONG = "wr0ng-Passw0rd-7d1";

    private static final String RIGHT = "r1ght-Passw0rd-9c4";

    @RegisterExtension
    static WireMockExtension alertSite = StrictVendorStub.extension();

    @TempDir
    Path tree;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeEach
    void vendor() {
        alertSite.stubFor(post("/as/login").willReturn(okJson(read("alertsite/login-status-40.json"))));
        alertSite.stubFor(post("/as/login")
            .withRequestBody(equalToJson("{\"login\":\"ops@example.com\",\"password\":\"" + RIGHT + "\"}"))
            .willReturn(okJson(read("alertsite/login-success.json"))));
    }

    @AfterEach
    void close() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aFixedPasswordLiftsTheCoolDownWithExactlyOneLogin(CapturedOutput output) throws IOException {
        write("broker.vendors.alertsite.password", WRONG);
        ConfigurableApplicationContext broker = start();
        BrokerHttp http = http(broker);
        assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(502);
        assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(503);

        replaceByRename("broker.vendors.alertsite.password", RIGHT);
        broker.getBean(CredentialReloader.class).reload();

        assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        assertThat(logins()).isEqualTo(2);
        assertThat(counter(broker, "applied")).isEqualTo(1);
        assertThat(output.getAll()).contains("audit event=credentials.changed vendor=alertsite")
            .doesNotContain(WRONG).doesNotContain(RIGHT);
    }

    @Test
    void anAppViewXClientSecretRotatesLikeAPasswordAndTheTypesOtherSettingsStay(CapturedOutput output)
            throws IOException {
        String token = jwtExpiringIn(Duration.ofMinutes(15));
        alertSite.stubFor(post(urlPathEqualTo("/avx/acctmgmt-get-service-token"))
            .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"response\":null,\"message\":\"Client Password is incorrect::[Invalid Client credential]\","
                        + "\"appStatusCode\":\"OAUTH_CLNT_015\",\"tags\":null,\"headers\":null}")));
        alertSite.stubFor(post(urlPathEqualTo("/avx/acctmgmt-get-service-token"))
            .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                .encodeToString(("svc-7:" + RIGHT).getBytes(StandardCharsets.UTF_8))))
            .willReturn(okJson("{\"response\":\"" + token + "\",\"message\":null,\"appStatusCode\":null,"
                    + "\"tags\":{},\"headers\":null}")));
        write("broker.vendors.alertsite.password", RIGHT);
        write("broker.vendors.avx.appviewx.client-secret", WRONG);
        ConfigurableApplicationContext broker = start("--broker.vendors.avx.type=appviewx",
                "--broker.vendors.avx.base-url=" + alertSite.baseUrl() + "/avx",
                "--broker.vendors.avx.min-login-interval=0", "--broker.vendors.avx.appviewx.client-id=svc-7",
                "--broker.vendors.avx.appviewx.gateway-source=web");
        BrokerHttp http = http(broker);
        assertThat(http.get("/sessions/avx").statusCode()).isEqualTo(502);
        assertThat(http.get("/sessions/avx").statusCode()).isEqualTo(503);

        replaceByRename("broker.vendors.avx.appviewx.client-secret", RIGHT);
        broker.getBean(CredentialReloader.class).reload();

        assertThat(http.get("/sessions/avx", "text/plain").body()).isEqualTo(token);
        alertSite.verify(2, postRequestedFor(urlEqualTo("/avx/acctmgmt-get-service-token?gwsource=web")));
        assertThat(output.getAll()).contains("credentials.changed").doesNotContain(WRONG).doesNotContain(RIGHT);
    }

    /** A service token shaped as AppViewX's "oAuth" page shows one; only its exp matters here. */
    private static String jwtExpiringIn(Duration lifetime) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"sub\":\"svc\",\"aud\":\"avx\",\"iss\":\"avx\",\"exp\":"
                + Instant.now().plus(lifetime).getEpochSecond() + "}";
        return encoder.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void theKubeletsSymlinkSwapIsPickedUpOnTheNextRound() throws IOException {
        Path first = kubeletPayload("..2026_01_01_00_00_00.000000001", WRONG);
        Files.createSymbolicLink(this.tree.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(this.tree.resolve("broker.vendors.alertsite.password"),
                Path.of("..data/broker.vendors.alertsite.password"));
        ConfigurableApplicationContext broker = start("--broker.credentials.reload-interval=100ms");
        BrokerHttp http = http(broker);
        assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(502);

        // As the kubelet does: a new timestamped directory, then ..data swapped atomically.
        Path second = kubeletPayload("..2026_01_01_00_01_00.000000002", RIGHT);
        Path swap = Files.createSymbolicLink(this.tree.resolve("..data_tmp"), second.getFileName());
        Files.move(swap, this.tree.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);

        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(200));
        assertThat(logins()).isEqualTo(2);
    }

    @Test
    void aWrongPasswordRotatedInKeepsTheCachedSession() throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        ConfigurableApplicationContext broker = start();
        BrokerHttp http = http(broker);
        String session = http.get("/sessions/alertsite", "text/plain").body();

        replaceByRename("broker.vendors.alertsite.password", WRONG);
        broker.getBean(CredentialReloader.class).reload();

        assertThat(http.get("/sessions/alertsite", "text/plain").body()).isEqualTo(session);
        assertThat(logins()).isEqualTo(1);
    }

    @Test
    void anEmptyPasswordIsRefusedWithOneWarningAndTheWorkingOneStays(CapturedOutput output) throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        ConfigurableApplicationContext broker = start();
        BrokerHttp http = http(broker);

        replaceByRename("broker.vendors.alertsite.password", "");
        broker.getBean(CredentialReloader.class).reload();
        broker.getBean(CredentialReloader.class).reload();
        http.delete("/sessions/alertsite");

        assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        assertThat(output.getAll().lines()
            .filter((line) -> line.contains("credentials-reload key=broker.vendors.alertsite.password is empty")))
            .hasSize(1);
        assertThat(counter(broker, "rejected")).isEqualTo(2);
        assertThat(output.getAll()).doesNotContain(RIGHT);
    }

    @Test
    void callerTokensAddedChangedAndRemovedTakeEffect(CapturedOutput output) throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        write("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-1"));
        ConfigurableApplicationContext broker = start("--broker.clients.billing.vendors=alertsite");
        BrokerHttp http = http(broker);
        assertThat(status(http, "billing-token-1")).isEqualTo(200);

        replaceByRename("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-2"));
        write("broker.clients.reports.token-sha256", Tokens.sha256Hex("reports-token-1"));
        write("broker.clients.reports.vendors", "alertsite");
        broker.getBean(CredentialReloader.class).reload();

        assertThat(status(http, "billing-token-1")).isEqualTo(401);
        assertThat(status(http, "billing-token-2")).isEqualTo(200);
        assertThat(status(http, "reports-token-1")).isEqualTo(200);

        Files.delete(this.tree.resolve("broker.clients.reports.token-sha256"));
        Files.delete(this.tree.resolve("broker.clients.reports.vendors"));
        broker.getBean(CredentialReloader.class).reload();

        assertThat(status(http, "reports-token-1")).isEqualTo(401);
        assertThat(output.getAll()).contains("audit event=credentials.changed client=reports")
            .doesNotContain("billing-token-1").doesNotContain("reports-token-1");
    }

    @Test
    void anotherKeyChangedInTheTreeIsReportedOnceAsNeedingARestart(CapturedOutput output) throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        write("broker.vendors.alertsite.idle-timeout", "15m");
        ConfigurableApplicationContext broker = start();

        replaceByRename("broker.vendors.alertsite.idle-timeout", "5m");
        broker.getBean(CredentialReloader.class).reload();
        broker.getBean(CredentialReloader.class).reload();

        assertThat(output.getAll().lines().filter((line) -> line.contains(
                "credentials-reload key=broker.vendors.alertsite.idle-timeout changed in a config tree but only takes effect after a restart")))
            .hasSize(1);
    }

    @Test
    void aKeyThatCannotBindBlocksNeitherAPasswordRotationNorATokenRevocation(CapturedOutput output)
            throws IOException {
        write("broker.vendors.alertsite.password", WRONG);
        write("broker.vendors.alertsite.idle-timeout", "15m");
        write("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-1"));
        ConfigurableApplicationContext broker = start("--broker.clients.billing.vendors=alertsite");
        BrokerHttp http = http(broker);
        assertThat(status(http, "billing-token-1")).isEqualTo(502);

        replaceByRename("broker.vendors.alertsite.idle-timeout", "banana");
        replaceByRename("broker.vendors.alertsite.password", RIGHT);
        replaceByRename("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-2"));
        broker.getBean(CredentialReloader.class).reload();

        assertThat(status(http, "billing-token-1")).isEqualTo(401);
        assertThat(status(http, "billing-token-2")).isEqualTo(200);
        assertThat(output.getAll())
            .contains("credentials-reload key=broker.vendors.alertsite.idle-timeout changed in a config tree but only "
                    + "takes effect after a restart")
            .contains("credentials-reload key=broker.vendors.alertsite.idle-timeout cannot be bound: skipped now, "
                    + "and the broker will not start with it")
            .doesNotContain("banana");
    }

    @Test
    void deletingAClientsTokenDigestRevokesItsToken(CapturedOutput output) throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        write("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-1"));
        write("broker.clients.reports.token-sha256", Tokens.sha256Hex("reports-token-1"));
        ConfigurableApplicationContext broker = start("--broker.clients.billing.vendors=alertsite",
                "--broker.clients.reports.vendors=alertsite");
        BrokerHttp http = http(broker);
        assertThat(status(http, "billing-token-1")).isEqualTo(200);

        Files.delete(this.tree.resolve("broker.clients.billing.token-sha256"));
        broker.getBean(CredentialReloader.class).reload();

        assertThat(status(http, "billing-token-1")).isEqualTo(401);
        assertThat(status(http, "reports-token-1")).isEqualTo(200);
        assertThat(output.getAll()).contains("audit event=credentials.revoked client=billing")
            .doesNotContain("keeping the current credentials");
    }

    @Test
    void aClientHoldsTwoTokenDigestsDuringARotationWithoutARename() throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        write("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-1"));
        ConfigurableApplicationContext broker = start("--broker.clients.billing.vendors=alertsite");
        BrokerHttp http = http(broker);

        replaceByRename("broker.clients.billing.token-sha256",
                Tokens.sha256Hex("billing-token-1") + "," + Tokens.sha256Hex("billing-token-2"));
        broker.getBean(CredentialReloader.class).reload();
        assertThat(status(http, "billing-token-1")).isEqualTo(200);
        assertThat(status(http, "billing-token-2")).isEqualTo(200);

        replaceByRename("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-2"));
        broker.getBean(CredentialReloader.class).reload();
        assertThat(status(http, "billing-token-1")).isEqualTo(401);
        assertThat(status(http, "billing-token-2")).isEqualTo(200);
    }

    @Test
    void anInvalidClientEntryKeepsItsPermissionsButOnlyTheDigestsStillListed(CapturedOutput output)
            throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        write("broker.clients.billing.token-sha256",
                Tokens.sha256Hex("billing-token-1") + "," + Tokens.sha256Hex("billing-token-2"));
        write("broker.clients.billing.vendors", "alertsite");
        ConfigurableApplicationContext broker = start();
        BrokerHttp http = http(broker);

        replaceByRename("broker.clients.billing.vendors", "alertsite,salesforce");
        replaceByRename("broker.clients.billing.token-sha256", Tokens.sha256Hex("billing-token-2"));
        write("broker.clients.reports.token-sha256", Tokens.sha256Hex("reports-token-1"));
        write("broker.clients.reports.vendors", "alertsite");
        broker.getBean(CredentialReloader.class).reload();

        assertThat(status(http, "billing-token-1")).isEqualTo(401);
        assertThat(status(http, "billing-token-2")).isEqualTo(200);
        assertThat(status(http, "reports-token-1")).isEqualTo(200);
        assertThat(output.getAll()).contains("credentials-reload key=broker.clients.billing.vendors[1] is invalid");
    }

    @Test
    void aProblemThatComesBackAfterItWasFixedIsLoggedAgain(CapturedOutput output) throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        ConfigurableApplicationContext broker = start();
        CredentialReloader reloader = broker.getBean(CredentialReloader.class);

        replaceByRename("broker.vendors.alertsite.password", "");
        reloader.reload();
        reloader.reload();
        replaceByRename("broker.vendors.alertsite.password", RIGHT);
        reloader.reload();
        replaceByRename("broker.vendors.alertsite.password", "");
        reloader.reload();

        assertThat(output.getAll().lines()
            .filter((line) -> line.contains("credentials-reload key=broker.vendors.alertsite.password is empty")))
            .hasSize(2);
    }

    @Test
    void anUnresolvedPlaceholderRotatedInIsRefusedAndTheWorkingPasswordStays(CapturedOutput output)
            throws IOException {
        write("broker.vendors.alertsite.password", RIGHT);
        ConfigurableApplicationContext broker = start();
        BrokerHttp http = http(broker);

        replaceByRename("broker.vendors.alertsite.password", "${BROKER_TEST_UNSET_ROTATED_7F3}");
        broker.getBean(CredentialReloader.class).reload();
        http.delete("/sessions/alertsite");

        assertThat(http.get("/sessions/alertsite").statusCode()).isEqualTo(200);
        assertThat(logins()).isEqualTo(1);
        assertThat(output.getAll())
            .contains("credentials-reload key=broker.vendors.alertsite.password is an unresolved ${…} placeholder")
            .doesNotContain("BROKER_TEST_UNSET_ROTATED_7F3");
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.config.import=configtree:" + this.tree + "/",
                "--broker.vendors.alertsite.type=alertsite",
                "--broker.vendors.alertsite.base-url=" + alertSite.baseUrl() + "/as",
                "--broker.vendors.alertsite.username=ops@example.com",
                "--broker.vendors.alertsite.min-login-interval=0",
                "--broker.vendors.alertsite.retry.max-attempts=1"));
        args.addAll(List.of(more));
        if (args.stream().noneMatch((arg) -> arg.startsWith("--broker.credentials.reload-interval="))) {
            // The tests below reload by hand, so that nothing depends on timing.
            args.add("--broker.credentials.reload-interval=0");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionBrokerApplication.class)
            .run(args.toArray(String[]::new));
        this.contexts.add(context);
        return context;
    }

    private static BrokerHttp http(ConfigurableApplicationContext context) {
        return new BrokerHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static int status(BrokerHttp http, String token) {
        HttpRequest request = http.request("/sessions/alertsite").header("Authorization", "Bearer " + token).GET()
            .build();
        HttpResponse<String> response = http.send(request);
        return response.statusCode();
    }

    private static double counter(ConfigurableApplicationContext context, String outcome) {
        return context.getBean(MeterRegistry.class).get("broker.credentials.reloads").tag("outcome", outcome)
            .counter().count();
    }

    private static int logins() {
        return alertSite.findAll(postRequestedFor(urlEqualTo("/as/login"))).size();
    }

    private void write(String key, String value) throws IOException {
        Files.writeString(this.tree.resolve(key), value + "\n");
    }

    /** A new file renamed over the old one, as editors and secret agents do. */
    private void replaceByRename(String key, String value) throws IOException {
        Path next = Files.writeString(this.tree.resolve("." + key + ".new"), value + "\n");
        Files.move(next, this.tree.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path kubeletPayload(String directory, String password) throws IOException {
        Path payload = Files.createDirectories(this.tree.resolve(directory));
        Files.writeString(payload.resolve("broker.vendors.alertsite.password"), password + "\n");
        return payload;
    }
}
