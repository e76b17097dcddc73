package dev.sessionbroker.broker;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * A caller asked for a vendor's session ({@link SessionBroker#handOut}): published once the
 * answer is known, on the thread that knows it.
 * <p>
 * An {@link ApplicationEvent} rather than a payload record like the broker's other events,
 * because it is published on every cached hand-out: Spring wraps a payload in a
 * {@code PayloadApplicationEvent} whose generic type it resolves on each publication, and
 * that with the reflective call of an {@code @EventListener} method was 5 % of the broker's
 * CPU on a cached hand-out (bench/RESULTS.md, section 14). Its listener implements
 * {@code ApplicationListener} for the same reason.
 */
public final class SessionHandedOut extends ApplicationEvent {

    private final String vendor;

    private final String caller;

    private final @Nullable String session;

    private final @Nullable String failure;

    /**
     * @param source the broker that handed the session out
     * @param vendor the vendor acted on, as the caller named it
     * @param caller who asked (a client name)
     * @param session the fingerprint of the session handed out; null if none was
     * @param failure why none was ({@link SessionBroker#failureOf}); null on success
     */
    public SessionHandedOut(Object source, String vendor, String caller, @Nullable String session,
            @Nullable String failure) {
        super(source);
        this.vendor = vendor;
        this.caller = caller;
        this.session = session;
        this.failure = failure;
    }

    public String vendor() {
        return this.vendor;
    }

    public String caller() {
        return this.caller;
    }

    public @Nullable String session() {
        return this.session;
    }

    public @Nullable String failure() {
        return this.failure;
    }

    @Override
    public String toString() {
        return "SessionHandedOut[vendor=" + this.vendor + ", caller=" + this.caller + ", session=" + this.session
                + ", failure=" + this.failure + "]";
    }
}
