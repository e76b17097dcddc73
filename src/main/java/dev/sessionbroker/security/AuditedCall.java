package dev.sessionbroker.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher.MatchResult;

/**
 * One audited request under way: what it is and, once known, the fingerprint of the
 * session involved. Lives as a request attribute from the security filter to the
 * (possibly asynchronous) end of the answer.
 */
final class AuditedCall {

    private static final String ATTRIBUTE = AuditedCall.class.getName();

    private static final List<Route> ROUTES = routes();

    private final String event;

    private final String client;

    private final String vendor;

    private volatile @Nullable String sessionFingerprint;

    private volatile boolean countedAsRefusal;

    private AuditedCall(String event, String client, String vendor) {
        this.event = event;
        this.client = client;
        this.vendor = vendor;
    }

    /**
     * What a request is for the audit, or null if it is not audited: hand-out (GET, and HEAD,
     * which Spring MVC answers with the same handler), refresh and delete of a session, and
     * proxied calls. The vendor is the {vendor} path variable as the same path patterns
     * decode it for authorization ({@link VendorAccess}) and for the handler, so
     * {@code /sessions/%61lertsite} is audited as the alertsite it acts on; not yet checked.
     */
    static @Nullable Subject subjectOf(HttpServletRequest request) {
        for (Route route : ROUTES) {
            MatchResult match = route.matcher().matcher(request);
            if (match.isMatch()) {
                String vendor = match.getVariables().get("vendor");
                return (vendor != null) ? new Subject(route.event(), vendor) : null;
            }
        }
        return null;
    }

    static AuditedCall start(HttpServletRequest request, String event, String client, String vendor) {
        AuditedCall call = new AuditedCall(event, client, vendor);
        request.setAttribute(ATTRIBUTE, call);
        return call;
    }

    static @Nullable AuditedCall of(HttpServletRequest request) {
        return (request.getAttribute(ATTRIBUTE) instanceof AuditedCall call) ? call : null;
    }

    void sessionFingerprint(@Nullable String fingerprint) {
        this.sessionFingerprint = fingerprint;
    }

    @Nullable String sessionFingerprint() {
        return this.sessionFingerprint;
    }

    String event() {
        return this.event;
    }

    String client() {
        return this.client;
    }

    String vendor() {
        return this.vendor;
    }

    void countedAsRefusal() {
        this.countedAsRefusal = true;
    }

    /** Its refusal is in a coalesced line already ({@link AuditLog#refused}): no line of its own. */
    boolean isCountedAsRefusal() {
        return this.countedAsRefusal;
    }

    private static List<Route> routes() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return List.of(new Route("session.handout", paths.matcher(HttpMethod.GET, "/sessions/{vendor}")),
                new Route("session.handout", paths.matcher(HttpMethod.HEAD, "/sessions/{vendor}")),
                new Route("session.delete", paths.matcher(HttpMethod.DELETE, "/sessions/{vendor}")),
                new Route("session.refresh", paths.matcher(HttpMethod.POST, "/sessions/{vendor}/refresh")),
                new Route("proxy.call", paths.matcher("/proxy/{vendor}")),
                new Route("proxy.call", paths.matcher("/proxy/{vendor}/**")));
    }

    /**
     * An audited request: the event and the vendor it names, decoded but not validated.
     */
    record Subject(String event, String vendor) {
    }

    private record Route(String event, PathPatternRequestMatcher matcher) {
    }
}
