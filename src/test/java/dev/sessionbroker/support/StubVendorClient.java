package dev.sessionbroker.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.OneTimePasswordLogin;
import dev.sessionbroker.adapter.VendorClient;

/**
 * A vendor login without HTTP, for tests of the broker itself (with or without a one-time
 * password): answers from a script (one
 * supplier per login, the last repeated), counts logins, and can hold every login until
 * released, to line callers up behind one.
 */
public final class StubVendorClient implements VendorClient, OneTimePasswordLogin {

    private final Deque<Supplier<LoginResult>> script = new ArrayDeque<>();

    private final AtomicInteger logins = new AtomicInteger();

    private volatile CountDownLatch gate = new CountDownLatch(0);

    private final List<String> logouts = new CopyOnWriteArrayList<>();

    /** Logins answer session-1, session-2, ... */
    public StubVendorClient() {
        this.script.add(() -> new LoginResult("session-" + this.logins.get()));
    }

    /** The next logins answer (or throw) as these say, in order; the last one repeats. */
    @SafeVarargs
    public final StubVendorClient answering(Supplier<LoginResult>... answers) {
        synchronized (this.script) {
            this.script.clear();
            for (Supplier<LoginResult> answer : answers) {
                this.script.add(answer);
            }
        }
        return this;
    }

    /** Every login waits until {@link #release()}. */
    public StubVendorClient holding() {
        this.gate = new CountDownLatch(1);
        return this;
    }

    public void release() {
        this.gate.countDown();
    }

    public int logins() {
        return this.logins.get();
    }

    /** The sessions logged out, in order. */
    public List<String> logouts() {
        return this.logouts;
    }

    /** As {@link #login()}: the code is not checked, only counted as a login. */
    @Override
    public LoginResult login(Secret otp) {
        return login();
    }

    @Override
    public void logout(String sessionId) {
        this.logouts.add(sessionId);
    }

    @Override
    public LoginResult login() {
        this.logins.incrementAndGet();
        try {
            if (!this.gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("login held for 10 s and never released");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        Supplier<LoginResult> answer;
        synchronized (this.script) {
            answer = (this.script.size() > 1) ? this.script.poll() : this.script.peek();
        }
        return answer.get();
    }
}
