package dev.sessionbroker.broker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Logs out the sessions only this replica knows when it stops, for the vendors that document
 * a logout (Infinite Blue recommends it; Revulytics offers it), so that no session outlives
 * the only process that knows it. A session a shared store still holds is left alone: the
 * other replicas are handing it out. Runs after the web server has stopped, so no request still in
 * flight loses its session, and gives up after a bounded time so a hanging vendor cannot
 * hold up the shutdown.
 */
final class ShutdownLogout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownLogout.class);

    /** Below the web server's phases: stopping goes from the highest phase down. */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final SessionBroker broker;

    private final Duration timeout;

    private volatile boolean running;

    ShutdownLogout(SessionBroker broker, Duration timeout) {
        this.broker = broker;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        List<Session> sessions = this.broker.sessionsOnlyHere();
        if (sessions.isEmpty()) {
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(sessions.size(), 4),
                daemonThreads());
        try {
            CompletableFuture<?>[] logouts = sessions.stream()
                .map((session) -> CompletableFuture.runAsync(() -> this.broker.logout(session, "shutdown"), executor))
                .toArray(CompletableFuture[]::new);
            log.info("shutdown-logout sessions={} timeoutMs={}", sessions.size(), this.timeout.toMillis());
            CompletableFuture.allOf(logouts).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            log.warn("shutdown-logout outcome=timeout timeoutMs={} detail=\"gave up waiting for vendor logouts\"",
                    this.timeout.toMillis());
        }
        catch (ExecutionException ex) {
            // Each logout handles its own failure; nothing reaches here.
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static CustomizableThreadFactory daemonThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("vendor-logout-");
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
