package dev.sessionbroker.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.broker.SessionLease;

/**
 * {@link SessionBroker#lease} on a cached session, the call behind every
 * {@code GET /sessions/{vendor}}: the broker as the application wires it (Caffeine, expiry,
 * the Micrometer/Prometheus listener), with one login against a loopback stub in the set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedLeaseBenchmark {

    private static final String VENDOR = "alertsite";

    private StubVendor vendor;

    private ConfigurableApplicationContext context;

    private SessionBroker broker;

    @Setup(Level.Trial)
    public void start() throws Exception {
        this.vendor = new StubVendor();
        SpringApplication application = new SpringApplication(SessionBrokerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        this.context = application.run("--logging.level.root=warn",
                "--broker.vendors." + VENDOR + ".type=alertsite",
                "--broker.vendors." + VENDOR + ".base-url=" + this.vendor.baseUrl(VENDOR),
                "--broker.vendors." + VENDOR + ".username=bench@example.com",
                "--broker.vendors." + VENDOR + ".password=bench-password");
        this.broker = this.context.getBean(SessionBroker.class);
        this.broker.lease(VENDOR).join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (this.vendor.logins(VENDOR) != 1) {
            throw new IllegalStateException("expected one login, saw " + this.vendor.logins(VENDOR));
        }
        this.context.close();
        this.vendor.close();
    }

    @Benchmark
    @Threads(1)
    public SessionLease leaseCached1Thread() {
        return lease();
    }

    @Benchmark
    @Threads(2)
    public SessionLease leaseCached2Threads() {
        return lease();
    }

    @Benchmark
    @Threads(4)
    public SessionLease leaseCached4Threads() {
        return lease();
    }

    /** What the controller does with the answer: take it if the future is already complete. */
    private SessionLease lease() {
        CompletableFuture<SessionLease> lease = this.broker.lease(VENDOR);
        return lease.getNow(null);
    }
}
