package dev.sessionbroker.support;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The broker as {@code ./mvnw spring-boot:run -Dspring-boot.run.profiles=demo} runs it, with
 * its built-in vendor emulators, shared by every class extending this one. On a port fixed
 * before start-up, because the demo vendors log in to the broker's own emulator paths. Beside
 * the four demo vendors, variants that reach the emulators' other documented answers.
 * Time is a {@link FakeTime}: each test starts past the demo's minimum interval between two
 * logins of a vendor, and a test that logs in twice steps past it itself (a paced login waits
 * for the clock, which moves only when a test moves it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "broker.vendors.revulytics-cookies.type=revulytics",
        "broker.vendors.revulytics-cookies.base-url=http://127.0.0.1:${server.port}/emulator/revulytics",
        "broker.vendors.revulytics-cookies.username=${demo.account.username}",
        "broker.vendors.revulytics-cookies.password=${demo.account.password}",
        "broker.vendors.revulytics-cookies.revulytics.use-cookies=true",
        "broker.vendors.appviewx-mfa.type=appviewx",
        "broker.vendors.appviewx-mfa.base-url=http://127.0.0.1:${server.port}/emulator/appviewx/avxapi",
        "broker.vendors.appviewx-mfa.username=mfa-${demo.account.username}",
        "broker.vendors.appviewx-mfa.password=${demo.account.password}",
        "broker.vendors.infiniteblue-wrong.type=infiniteblue",
        "broker.vendors.infiniteblue-wrong.base-url=http://127.0.0.1:${server.port}/emulator/infiniteblue",
        "broker.vendors.infiniteblue-wrong.username=${demo.account.username}",
        "broker.vendors.infiniteblue-wrong.password=not-the-password",
        "broker.vendors.appviewx-wrong.type=appviewx",
        "broker.vendors.appviewx-wrong.base-url=http://127.0.0.1:${server.port}/emulator/appviewx/avxapi",
        "broker.vendors.appviewx-wrong.username=${demo.account.username}",
        "broker.vendors.appviewx-wrong.password=wrong-Pa55word",
        "broker.vendors.appviewx-service.type=appviewx",
        "broker.vendors.appviewx-service.base-url=http://127.0.0.1:${server.port}/emulator/appviewx/avxapi",
        "broker.vendors.appviewx-service.appviewx.client-id=${demo.account.client-id}",
        "broker.vendors.appviewx-service.appviewx.client-secret=${demo.account.client-secret}",
        "broker.vendors.appviewx-service-old.type=appviewx",
        "broker.vendors.appviewx-service-old.base-url=http://127.0.0.1:${server.port}/emulator/appviewx/avxapi",
        "broker.vendors.appviewx-service-old.appviewx.client-id=${demo.account.client-id}",
        "broker.vendors.appviewx-service-old.appviewx.client-secret=${demo.account.client-secret}",
        "broker.vendors.appviewx-service-old.appviewx.token-request=headers-form",
        "broker.vendors.appviewx-service-wrong.type=appviewx",
        "broker.vendors.appviewx-service-wrong.base-url=http://127.0.0.1:${server.port}/emulator/appviewx/avxapi",
        "broker.vendors.appviewx-service-wrong.appviewx.client-id=${demo.account.client-id}",
        "broker.vendors.appviewx-service-wrong.appviewx.client-secret=wrong-client-Secret",
        "broker.vendors.appviewx-service-wrong.appviewx.token-request=basic-json" })
@ActiveProfiles("demo")
@Import(FakeTimeConfiguration.class)
public abstract class DemoBrokerFixture {

    protected static final int PORT = TestSocketUtils.findAvailableTcpPort();

    protected final BrokerHttp http = new BrokerHttp(PORT);

    @Autowired
    protected FakeTime time;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @BeforeEach
    void pastThePacingInterval() {
        this.time.advance(Duration.ofHours(1));
    }
}
