package dev.sessionbroker.security;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.sessionbroker.broker.Session;
import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.security.AuditLog.HandOut;

/**
 * Writes one {@code audit} event per session hand-out, refresh, delete and proxied call,
 * refused ones included, once the answer is complete: event, client, vendor, outcome,
 * status and the session's fingerprint — never the session ID or a token. Fields are SLF4J
 * key-values named to fit ECS ({@code event.action}, {@code http.response.status_code},
 * the rest under {@code broker.*}), so structured logging (ECS, Logstash) shows them as
 * fields; the message repeats them as key=value for plain-text logs. Lines go through the
 * {@link AuditLog} (asynchronous); successful hand-outs of one session to one client are
 * coalesced there into one line per interval with a {@code broker.count}, and so are refusals
 * of requests without credentials ({@link SecurityProblems}), which any caller can send at will.
 * The vendor is the one the request acts on, decoded as routing decodes it
 * ({@link AuditedCall#subjectOf}); HEAD is a hand-out like GET.
 */
final class AuditFilter extends OncePerRequestFilter {

    private final SessionBroker broker;

    private final AuditLog log;

    AuditFilter(SessionBroker broker, AuditLog log) {
        this.broker = broker;
        this.log = log;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuditedCall.Subject subject = AuditedCall.subjectOf(request);
        if (subject == null) {
            chain.doFilter(request, response);
            return;
        }
        // What a caller wrote in the vendor position goes into the log only if it could be a name.
        String vendor = Vendors.isValidName(subject.vendor()) ? subject.vendor() : "invalid";
        AuditedCall call = AuditedCall.start(request, subject.event(), Callers.name(SecurityContextHolder.getContext()
            .getAuthentication()), vendor);
        if ("session.delete".equals(subject.event())) {
            // The session about to be dropped; read quietly, so it does not count as a use.
            call.sessionFingerprint(cachedFingerprint(vendor));
        }
        boolean completed = false;
        try {
            chain.doFilter(request, response);
            completed = true;
        }
        finally {
            if (completed && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new CompletionListener(call));
            }
            else {
                write(call, completed ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
        }
    }

    private void write(AuditedCall call, int status) {
        if (call.isCountedAsRefusal()) {
            return;
        }
        String fingerprint = call.sessionFingerprint();
        if (fingerprint == null && "proxy.call".equals(call.event()) && status < 400) {
            // The proxy injects the session itself; name the one cached when the call ended
            // (the session used, or the one that replaced it if the call was replayed).
            fingerprint = cachedFingerprint(call.vendor());
        }
        String outcome = outcome(status);
        // A refused or failed call involved no session, whatever was cached at the time.
        String session = (fingerprint != null && status < 400) ? fingerprint : "none";
        if ("session.handout".equals(call.event()) && fingerprint != null && status < 400) {
            this.log.handedOut(new HandOut(call.client(), call.vendor(), status, session));
            return;
        }
        // Field names fit ECS: its own event.action and http.response.status_code, and the
        // broker's fields under broker.*, where they cannot collide with ECS's event.* and
        // client.* objects (a top-level string "event" or "client" breaks ECS indexing).
        this.log.write((audit) -> audit.atInfo()
            .addKeyValue("event.action", call.event())
            .addKeyValue("broker.client", call.client())
            .addKeyValue("broker.vendor", call.vendor())
            .addKeyValue("broker.outcome", outcome)
            .addKeyValue("http.response.status_code", status)
            .addKeyValue("broker.session", session)
            .log("audit event={} client={} vendor={} outcome={} status={} session={}", call.event(), call.client(),
                    call.vendor(), outcome, status, session));
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "success";
        }
        return (status == 401 || status == 403 || status == 429) ? "denied" : "failed";
    }

    private @Nullable String cachedFingerprint(String vendor) {
        Session session = this.broker.cached(vendor);
        return (session != null) ? session.fingerprint() : null;
    }

    /** Session answers complete on another thread, after the controller's future. */
    private final class CompletionListener implements AsyncListener {

        private final AuditedCall call;

        CompletionListener(AuditedCall call) {
            this.call = call;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            HttpServletResponse response = (HttpServletResponse) event.getSuppliedResponse();
            write(this.call, response.getStatus());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
