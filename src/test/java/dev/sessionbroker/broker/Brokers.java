package dev.sessionbroker.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.Vendors;

/**
 * Session managers without Spring, for tests in other packages (a Redis store lives in
 * {@code store}): one per simulated replica, every clock a {@link FakeTime}.
 */
public final class Brokers {

    private Brokers() {
    }

    /** A manager over this store whose hand-outs tell the store at once (no touch interval). */
    public static SessionBroker over(SessionStore store, Vendors vendors, Map<String, VendorClient> clients,
            FakeTime time, Executor threads) {
        LoginHistory history = new LoginHistory();
        return new SessionBroker(vendors, store,
                new LoginAttempts(clients, history, time, time, time, BrokerListener.NONE),
                new LoginPacing(time, BrokerListener.NONE), new CoolDowns(time), history, threads, threads,
                Duration.ZERO, time, time, BrokerListener.NONE);
    }

    /** What the broker does on shutdown: logs out the sessions no other replica can hand out. */
    public static void shutDown(SessionBroker broker) {
        new ShutdownLogout(broker, Duration.ofSeconds(5)).stop();
    }
}
