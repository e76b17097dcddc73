package dev.sessionbroker.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.Session;
import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.broker.SessionLease;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.security.BrokerClient;

/**
 * The session API: hand out, refresh, drop and list vendor sessions. A caller who must wait
 * for a vendor login holds no servlet thread meanwhile; a cached session is answered at once.
 */
@RestController
@RequestMapping("/sessions")
class SessionsController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private static final String TEXT = MediaType.TEXT_PLAIN_VALUE;

    private static final String NO_STORE = "no-store";

    private final SessionBroker broker;

    private final Vendors vendors;

    private final WaitingCallers waiting;

    private final JsonMapper mapper;

    /** Per vendor, its current session's JSON answer up to the value of expiresAt. */
    private final Map<String, Head> heads = new ConcurrentHashMap<>();

    SessionsController(SessionBroker broker, Vendors vendors, WaitingCallers waiting, JsonMapper mapper) {
        this.broker = broker;
        this.vendors = vendors;
        this.waiting = waiting;
        this.mapper = mapper;
    }

    /** @return the answer, or null once {@link WaitingCallers} has taken the request while a login is under way */
    // The cached hand-out, every caller's hot path: the vendor name is checked and Accept read
    // here rather than by Bean Validation and header binding (about 4 % and 2 % of its CPU,
    // bench/RESULTS.md §12); @Parameter and ApiDescription keep both documented as before.
    @GetMapping(path = "/{vendor}", produces = { JSON, TEXT })
    @Nullable Object session(
            @PathVariable @Parameter(schema = @Schema(type = "string", pattern = Vendors.NAME_RULE)) String vendor,
            @AuthenticationPrincipal @Nullable BrokerClient client, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        // A configured vendor's name was checked at start-up: the rule is only run on others.
        if (this.vendors.find(vendor) == null && !Vendors.isValidName(vendor)) {
            throw new InvalidVendorName();
        }
        return respond(this.broker.handOut(vendor, BrokerClient.nameOf(client)), AcceptHeader.prefersPlainText(request.getHeader(HttpHeaders.ACCEPT)),
                request, response);
    }

    /** @return the answer, or null once {@link WaitingCallers} has taken the request while a login is under way */
    // consumes: a form body is refused by the mapping (415), before Spring MVC would parse it
    // as request parameters (up to Tomcat's 2 MB max-post-size, or a 500 beyond).
    @PostMapping(path = "/{vendor}/refresh", consumes = { JSON, "application/*+json" }, produces = { JSON, TEXT })
    @Nullable Object refresh(@PathVariable @VendorName String vendor,
            @RequestBody(required = false) @Nullable RefreshRequest body,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @AuthenticationPrincipal @Nullable BrokerClient client, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String rejected = (body != null) ? body.rejectedSessionId() : null;
        Secret otp = (body != null) ? body.otp() : null;
        if (otp != null && (client == null || !client.mayLogInWithOneTimePassword())) {
            // A one-time-password login is a login attempt on an account that locks: not
            // something every caller of the vendor may start.
            throw Problem.OTP_NOT_ALLOWED.exception(vendor, "this client may not log in to vendor '" + vendor
                    + "' with a one-time password: that is for admin clients, or clients with one-time-password: true");
        }
        return respond(this.broker.refresh(vendor, rejected, RefreshReason.CALLER, otp, BrokerClient.nameOf(client)),
                AcceptHeader.prefersPlainText(accept), request, response);
    }

    @DeleteMapping("/{vendor}")
    ResponseEntity<Void> delete(@PathVariable @VendorName String vendor,
            @AuthenticationPrincipal @Nullable BrokerClient client) {
        this.broker.invalidate(vendor, BrokerClient.nameOf(client));
        return ResponseEntity.noContent().build();
    }

    /** Only the vendors the caller may see (all of them while no clients are configured). */
    @GetMapping(produces = JSON)
    Map<String, List<VendorStateView>> list(@AuthenticationPrincipal @Nullable BrokerClient caller) {
        return Map.of("vendors", this.broker.states().stream()
            .filter((state) -> caller != null && caller.maySee(state.vendor()))
            .map(VendorStateView::of)
            .toList());
    }

    /** Answered as a failed {@link VendorName} check is. */
    static final class InvalidVendorName extends RuntimeException {

        InvalidVendorName() {
            super(null, null, false, false);
        }
    }

    /**
     * A cached session is answered at once: handing Spring MVC even a completed future costs
     * an async dispatch, a second pass through the filters and the dispatcher. A failure known
     * already takes the future, so the advice maps it as usual; callers who must wait for a
     * login are answered by {@link WaitingCallers} when it ends. Declaring the response tells
     * Spring MVC that a null return means "handled".
     */
    private @Nullable Object respond(CompletableFuture<SessionLease> lease, boolean plain, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (lease.isDone()) {
            if (lease.isCompletedExceptionally() || plain) {
                return lease.isCompletedExceptionally() ? lease : answer(lease.join(), true);
            }
            writeJson(lease.join(), response);
            return null;
        }
        this.waiting.answerWhenDone(request, response, lease.thenApply((done) -> answer(done, plain)));
        return null;
    }

    /**
     * The JSON answer of a session known at once, every caller's hot path, written here with
     * the headers {@link #answer} gives it: Spring MVC's return value handling (header copy,
     * conditional-request check, converter choice) was 17 % of the request threads' CPU on a
     * cached hand-out (bench/RESULTS.md, section 14).
     * {@link WaitingCallersTest} holds the two answers to the same headers.
     */
    private void writeJson(SessionLease lease, HttpServletResponse response) throws IOException {
        byte[] body = json(lease).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private ResponseEntity<?> answer(SessionLease lease, boolean plain) {
        // A session ID is a credential: no cache on the way may keep it.
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        if (plain) {
            return ok.contentType(MediaType.TEXT_PLAIN)
                .body(new PlainSessionId(lease.session().vendor(), lease.session().sessionId()));
        }
        return ok.contentType(MediaType.APPLICATION_JSON).body(json(lease));
    }

    /** The vendor's type and placement are looked up only when a new session's answer is rendered. */
    private String json(SessionLease lease) {
        Session session = lease.session();
        Head head = this.heads.get(session.vendor());
        if (head == null || !head.session().equals(session)) {
            VendorSettings vendor = this.vendors.find(session.vendor());
            String type = (vendor != null) ? vendor.type() : "";
            PlacementView placement = (vendor != null) ? PlacementView.of(vendor.sessionPlacement()) : null;
            head = new Head(session, SessionView.head(this.mapper, session, type, placement));
            this.heads.put(session.vendor(), head);
        }
        return head.json() + lease.expiresAt() + "\"}";
    }

    private record Head(Session session, String json) {

        @Override
        public String toString() {
            return "Head[" + this.session + "]";
        }
    }
}
