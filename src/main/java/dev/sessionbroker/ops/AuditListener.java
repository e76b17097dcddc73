package dev.sessionbroker.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;

import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.broker.SessionDropped;
import dev.sessionbroker.broker.SessionHandedOut;
import dev.sessionbroker.broker.SessionRefreshed;
import dev.sessionbroker.credentials.CredentialsRotated;
import dev.sessionbroker.ops.AuditTally.Count;
import dev.sessionbroker.proxy.ProxyCallCompleted;
import dev.sessionbroker.security.AuditAction;
import dev.sessionbroker.security.BrokerClient;
import dev.sessionbroker.security.RefusedCredentials;
import dev.sessionbroker.security.VendorAccess.VendorDecision;

/**
 * Turns events into {@code audit} lines, as Spring Boot's {@code AuthenticationAuditListener}
 * does: what the broker did (hand-out, refresh, drop — {@code broker} — proxied call —
 * {@code proxy} —, rotation — {@code credentials}), each naming the vendor acted on, the
 * caller and the session actually involved; and what Spring Security refused before anything
 * was done (authentication failures, authorization denials). Nothing is worked out from a
 * request's URL.
 * <p>
 * Fields are SLF4J key-values named to fit ECS (its own {@code event.action},
 * {@code http.response.status_code}, {@code client.address}, {@code error.type}; the
 * broker's under {@code broker.*}, where they cannot collide with ECS's {@code event.*} and
 * {@code client.*} objects); the message repeats them as key=value for plain-text logs.
 * Successful hand-outs of one session to one client, and refusals any caller can repeat at
 * will (no credentials, wrong tokens during a back-off), are coalesced by an {@link AuditTally}
 * each into one line per interval with a count. Lines reach the log through the
 * {@link AuditAppender}, so no request waits for it.
 */
public final class AuditListener implements ApplicationListener<SessionHandedOut>, DisposableBean {

    /** Refusals a caller repeats at will are written once per address per interval. */
    public static final Duration REFUSAL_INTERVAL = Duration.ofMinutes(1);

    /**
     * Keys coalesced at once, per kind: bounds the heap a caller with many addresses could
     * take; beyond it events are lines of their own, which the appender's queue bounds.
     */
    static final int MAX_COALESCED = 100_000;

    /** How often counts whose interval has passed are looked for. */
    private static final long TICK_MILLIS = 100;

    private static final Logger audit = LoggerFactory.getLogger("audit");

    private static final Logger log = LoggerFactory.getLogger(AuditListener.class);

    private final AuditTally<HandOut> handOuts;

    private final AuditTally<Refusal> refusals;

    private final ScheduledExecutorService tick;

    AuditListener(AuditTally<HandOut> handOuts, AuditTally<Refusal> refusals) {
        this.handOuts = handOuts;
        this.refusals = refusals;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("audit-tally-");
        threads.setDaemon(true);
        this.tick = Executors.newSingleThreadScheduledExecutor(threads);
        this.tick.scheduleWithFixedDelay(() -> writeCounts(this.handOuts.due(), this.refusals.due()), TICK_MILLIS,
                TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Every hand-out: a listener of its own type rather than an {@code @EventListener} method ({@link SessionHandedOut}). */
    @Override
    public void onApplicationEvent(SessionHandedOut event) {
        handedOut(event);
    }

    void handedOut(SessionHandedOut event) {
        String session = event.session();
        if (session == null) {
            failed(AuditAction.SESSION_HANDOUT, event.caller(), event.vendor(), String.valueOf(event.failure()));
            return;
        }
        HandOut handOut = new HandOut(event.caller(), event.vendor(), session);
        if (this.handOuts.add(handOut)) {
            writeHandOut(handOut, 1);
        }
    }

    @EventListener
    void refreshed(SessionRefreshed event) {
        done(AuditAction.SESSION_REFRESH, event.caller(), event.vendor(), 200, event.session(), event.failure());
    }

    @EventListener
    void dropped(SessionDropped event) {
        if (event.failure() != null) {
            failed(AuditAction.SESSION_DELETE, event.caller(), event.vendor(), event.failure());
            return;
        }
        write(AuditAction.SESSION_DELETE, event.caller(), event.vendor(), 204,
                (event.session() != null) ? event.session() : "none");
    }

    /** The vendor's status is the caller's; the session is the one the call carried. */
    @EventListener
    void proxied(ProxyCallCompleted event) {
        done(AuditAction.PROXY_CALL, event.caller(), event.vendor(), event.status(), event.session(), event.failure());
    }

    @EventListener
    void rotated(CredentialsRotated event) {
        AuditAction action = event.revoked() ? AuditAction.CREDENTIALS_REVOKED : AuditAction.CREDENTIALS_CHANGED;
        String field = (event.kind() == CredentialsRotated.Kind.VENDOR) ? "vendor" : "client";
        safely(() -> audit.atInfo()
            .addKeyValue("event.action", action.label())
            .addKeyValue("broker." + field, event.name())
            .log("audit event={} {}={}", action.label(), field, event.name()));
    }

    /** Refusals by the broker's filters ({@link RefusedCredentials}); other failures are not the broker's. */
    @EventListener
    void authenticationFailed(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof RefusedCredentials refused)) {
            return;
        }
        if (refused.action() != AuditAction.AUTH_FAILURE) {
            Refusal refusal = new Refusal(refused.action(), refused.remote());
            if (this.refusals.add(refusal)) {
                writeRefusals(refusal, 1);
            }
            return;
        }
        String reason = String.valueOf(refused.reason());
        String detail = refused.detail();
        safely(() -> {
            // The issuer's keys being out of reach is the broker's trouble, not the caller's.
            LoggingEventBuilder line = ("jwt-keys-unavailable".equals(reason) ? audit.atError() : audit.atWarn())
                .addKeyValue("event.action", AuditAction.AUTH_FAILURE.label())
                .addKeyValue("client.address", refused.remote())
                .addKeyValue("event.reason", reason);
            if (detail == null) {
                line.log("audit event={} remote={} reason={}", AuditAction.AUTH_FAILURE.label(), refused.remote(),
                        reason);
            }
            else {
                line.addKeyValue("error.message", detail)
                    .log("audit event={} remote={} reason={} detail={}", AuditAction.AUTH_FAILURE.label(),
                            refused.remote(), reason, detail);
            }
        });
    }

    /** A client refused a vendor: the rule that refused it says which action and vendor. */
    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        if (!(event.getAuthorizationResult() instanceof VendorDecision decision)) {
            return;
        }
        Authentication authentication = event.getAuthentication().get();
        String client = BrokerClient.nameOf((authentication != null
                && authentication.getPrincipal() instanceof BrokerClient caller) ? caller : null);
        String vendor = decision.vendor();
        // A caller's input goes into the log only if it could be a vendor's name.
        write(decision.action(), client, (vendor != null && Vendors.isValidName(vendor)) ? vendor : "invalid", 403,
                "none");
    }

    /** Writes every count not yet written; after the web server has finished its requests. */
    @Override
    public void destroy() throws InterruptedException {
        this.tick.shutdownNow();
        this.tick.awaitTermination(10, TimeUnit.SECONDS);
        writeCounts(this.handOuts.drain(), this.refusals.drain());
    }

    private void done(AuditAction action, String caller, String vendor, int status, @Nullable String session,
            @Nullable String failure) {
        if (failure != null) {
            failed(action, caller, vendor, failure);
        }
        else {
            write(action, caller, vendor, status, (session != null) ? session : "none");
        }
    }

    private static void write(AuditAction action, String client, String vendor, int status, String session) {
        String outcome = outcome(status);
        safely(() -> audit.atInfo()
            .addKeyValue("event.action", action.label())
            .addKeyValue("broker.client", client)
            .addKeyValue("broker.vendor", vendor)
            .addKeyValue("broker.outcome", outcome)
            .addKeyValue("http.response.status_code", status)
            .addKeyValue("broker.session", session)
            .log("audit event={} client={} vendor={} outcome={} status={} session={}", action.label(), client, vendor,
                    outcome, status, session));
    }

    /** Nothing was answered by the action: the failure's kind says why, the problem answer the status. */
    private static void failed(AuditAction action, String client, String vendor, String failure) {
        safely(() -> audit.atInfo()
            .addKeyValue("event.action", action.label())
            .addKeyValue("broker.client", client)
            .addKeyValue("broker.vendor", vendor)
            .addKeyValue("broker.outcome", "failed")
            .addKeyValue("error.type", failure)
            .addKeyValue("broker.session", "none")
            .log("audit event={} client={} vendor={} outcome=failed error={} session=none", action.label(), client,
                    vendor, failure));
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "success";
        }
        return (status == 401 || status == 403 || status == 429) ? "denied" : "failed";
    }

    private static void writeCounts(List<Count<HandOut>> handOuts, List<Count<Refusal>> refusals) {
        handOuts.forEach((count) -> writeHandOut(count.key(), count.count()));
        refusals.forEach((count) -> writeRefusals(count.key(), count.count()));
    }

    private static void writeHandOut(HandOut handOut, long count) {
        String event = AuditAction.SESSION_HANDOUT.label();
        safely(() -> audit.atInfo()
            .addKeyValue("event.action", event)
            .addKeyValue("broker.client", handOut.client())
            .addKeyValue("broker.vendor", handOut.vendor())
            .addKeyValue("broker.outcome", "success")
            .addKeyValue("http.response.status_code", 200)
            .addKeyValue("broker.session", handOut.session())
            .addKeyValue("broker.count", count)
            .log("audit event={} client={} vendor={} outcome=success status=200 session={} count={}", event,
                    handOut.client(), handOut.vendor(), handOut.session(), count));
    }

    private static void writeRefusals(Refusal refusal, long count) {
        String event = refusal.action().label();
        safely(() -> audit.atWarn()
            .addKeyValue("event.action", event)
            .addKeyValue("client.address", refusal.remote())
            .addKeyValue("broker.refused", count)
            .log("audit event={} remote={} refused={}", event, refusal.remote(), count));
    }

    private static void safely(Runnable line) {
        try {
            line.run();
        }
        catch (RuntimeException ex) {
            // An appender's failure must not fail the request, nor stop the counts being written.
            log.warn("Could not write an audit line: {}", ex.toString());
        }
    }

    /** What one coalesced hand-out line stands for. */
    record HandOut(String client, String vendor, String session) {
    }

    /**
     * What one coalesced refusal line stands for: refusals of one kind from one address.
     *
     * @param action {@link AuditAction#AUTH_MISSING} or {@link AuditAction#AUTH_THROTTLED}
     * @param remote the caller's address, made safe for the log
     */
    record Refusal(AuditAction action, String remote) {
    }
}
