package dev.sessionbroker.broker;

import java.time.Duration;
import java.util.List;

/** Fans broker events out to every {@link BrokerListener} bean. */
public final class CompositeBrokerListener implements BrokerListener {

    private final List<BrokerListener> listeners;

    public CompositeBrokerListener(List<BrokerListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void loginFinished(String vendor, String outcome, Duration latency, int attempt) {
        for (BrokerListener listener : this.listeners) {
            listener.loginFinished(vendor, outcome, latency, attempt);
        }
    }

    @Override
    public void sessionRequested(String vendor, String result) {
        for (BrokerListener listener : this.listeners) {
            listener.sessionRequested(vendor, result);
        }
    }

    @Override
    public void refreshStarted(String vendor, String reason) {
        for (BrokerListener listener : this.listeners) {
            listener.refreshStarted(vendor, reason);
        }
    }

    @Override
    public void loginPaced(String vendor, Duration waited) {
        for (BrokerListener listener : this.listeners) {
            listener.loginPaced(vendor, waited);
        }
    }

    @Override
    public void proxyCallFinished(String vendor, String method, int status, Duration latency, boolean replayed) {
        for (BrokerListener listener : this.listeners) {
            listener.proxyCallFinished(vendor, method, status, latency, replayed);
        }
    }
}
