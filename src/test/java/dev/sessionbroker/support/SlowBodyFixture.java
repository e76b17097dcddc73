package dev.sessionbroker.support;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@link BrokerWithClientsFixture} broker as the Helm chart runs it for slow-body tests:
 * the actuator on its own port, few request threads so that a handful of slow callers could
 * take them all, one proxy permit per vendor so that one held permit shows. The body
 * allowance is long in real time (30 s: a stalled body holds its thread for the whole test)
 * and short in {@link FakeTime}, which the tests move. Every class extending this one shares
 * a third application context.
 */
@TestPropertySource(properties = { "management.server.port=0", "server.tomcat.threads.max=4",
        "server.tomcat.threads.min-spare=1", "broker.proxy.max-concurrent-per-vendor=1",
        "broker.request-body.timeout=30s", "broker.request-body.min-rate=1KB", "broker.request-body.max-time=60s" })
public abstract class SlowBodyFixture extends BrokerWithClientsFixture {

    /** Request threads of the API server, as configured above. */
    protected static final int API_THREADS = 4;

    @LocalManagementPort
    protected int managementPort;
}
