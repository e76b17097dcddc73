package dev.sessionbroker.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionbroker.broker.SessionBroker;

/**
 * The broker most HTTP tests talk to, anonymous on loopback as the default configuration
 * runs it. Every class extending this one shares one application context through Spring's
 * context cache: the configuration below is the same for all of them, down to the vendor
 * stub's port, because the stub lives as long as the test JVM. Each test starts from a fresh
 * broker all the same — no cached session, every cool-down and pacing interval passed, and
 * a stub with no stubs and no recorded requests.
 * <p>
 * The vendors, each at {@code <stub>/<name>}, logging in as {@link #USERNAME} with
 * {@link #PASSWORD} and back to back (pacing is {@code paced}'s alone):
 * <ul>
 * <li>{@code alertsite}, {@code capped} (20 min max lifetime), {@code wrong}, {@code other},
 * {@code alertsite-rejected}, {@code alertsite-idle}: AlertSite, answers as the test stubs them;
 * {@code alertsite} retries transient failures three times, 1 s back-off doubling to 4 s;</li>
 * <li>{@code slow}: AlertSite with a 300 ms read timeout, for timeouts without waiting;</li>
 * <li>{@code paced}: AlertSite with the default minimum interval between logins;</li>
 * <li>{@code infiniteblue}, {@code revulytics}, {@code appviewx} (gateway key {@code tenant-key-1}).</li>
 * </ul>
 * Time is a {@link FakeTime}: it moves only when a test moves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "broker.proxy.max-replay-body=64KB",
        "management.endpoints.web.exposure.include=health,info,metrics,prometheus,env,configprops" })
@Import(FakeTimeConfiguration.class)
public abstract class BrokerFixture {

    public static final String USERNAME = StubVendorKeys.USERNAME;

    public static final String PASSWORD = "Fixture-Pa55word-4f7c2e";

    /** Strict framing as the real vendors; enough threads for bursts of concurrent proxied calls. */
    protected static final WireMockServer vendor = start(new WireMockServer(StrictVendorStub.options().containerThreads(60)));

    private static final Map<String, Map<String, String>> VENDORS = vendors();

    @LocalServerPort
    protected int port;

    @Autowired
    protected FakeTime time;

    @Autowired
    private SessionBroker broker;

    protected BrokerHttp http;

    private static Map<String, Map<String, String>> vendors() {
        Map<String, Map<String, String>> vendors = new LinkedHashMap<>();
        configure(vendors, "alertsite", "alertsite", "rejection-cooldown=60s", "retry.max-attempts=3",
                "retry.initial-backoff=1s", "retry.max-backoff=4s", "retry.max-total=20s");
        configure(vendors, "capped", "alertsite", "max-lifetime=20m");
        for (String name : List.of("wrong", "other", "alertsite-rejected", "alertsite-idle")) {
            configure(vendors, name, "alertsite");
        }
        configure(vendors, "slow", "alertsite", "read-timeout=300ms");
        configure(vendors, "paced", "alertsite").remove("broker.vendors.paced.min-login-interval");
        configure(vendors, "infiniteblue", "infiniteblue");
        configure(vendors, "revulytics", "revulytics");
        configure(vendors, "appviewx", "appviewx", "appviewx.gateway-key=tenant-key-1");
        return vendors;
    }

    /** Generous read timeouts, so that a loaded machine does not turn ordinary answers into timeouts. */
    private static Map<String, String> configure(Map<String, Map<String, String>> vendors, String name, String type,
            String... more) {
        List<String> keys = new ArrayList<>(List.of("read-timeout=5s"));
        keys.addAll(List.of(more));
        Map<String, String> properties = StubVendorKeys.of(name, type, vendor.baseUrl(), PASSWORD,
                keys.toArray(String[]::new));
        vendors.put(name, properties);
        return properties;
    }

    @DynamicPropertySource
    static void fixtureVendors(DynamicPropertyRegistry registry) {
        VENDORS.values().forEach((properties) -> StubVendorKeys.register(registry, properties));
    }

    /** The names of the vendors configured here. */
    protected static Set<String> vendorNames() {
        return VENDORS.keySet();
    }

    @BeforeEach
    void freshBroker() {
        this.http = new BrokerHttp(this.port);
        // Past any cool-down or pacing interval an earlier test started.
        this.time.advance(Duration.ofHours(1));
        VENDORS.keySet().forEach(this.broker::invalidate);
        vendor.resetAll();
    }

    private static WireMockServer start(WireMockServer server) {
        server.start();
        return server;
    }
}
