package dev.sessionbroker.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.broker.SessionLease;
import dev.sessionbroker.broker.BrokerException;
import dev.sessionbroker.adapter.SessionFingerprint;
import dev.sessionbroker.adapter.SessionPlacement;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards one caller request to its vendor with the session injected. When the vendor says
 * the session is no longer valid, the session that was used is compare-and-refreshed (so a
 * burst of calls that all hit the same dead session costs one login) and the call replayed
 * once — only if its body was kept, and never twice. Every call ends in a
 * {@link ProxyCallCompleted} naming the session it actually carried.
 */
public class VendorProxy {

    private static final Logger log = LoggerFactory.getLogger(VendorProxy.class);

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-connection", "proxy-authenticate", "proxy-authorization");

    private final Map<String, ProxiedVendor> vendors;

    private final SessionBroker broker;

    private final ApplicationEventPublisher events;

    private final long replayLimit;

    private final Ticker ticker;

    private final JsonMapper jsonMapper;

    VendorProxy(Map<String, ProxiedVendor> vendors, SessionBroker broker, ApplicationEventPublisher events, long replayLimit,
            Ticker ticker, JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
        this.replayLimit = replayLimit;
        this.ticker = ticker;
        this.vendors = vendors;
        this.broker = broker;
        this.events = events;
    }

    /** @param caller who calls, for {@link ProxyCallCompleted} */
    void forward(String vendorName, String caller, String rawPath, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        long started = this.ticker.read();
        Call call = new Call();
        try {
            forward(vendorName, rawPath, request, response, call);
        }
        catch (RuntimeException | IOException ex) {
            call.failure = SessionBroker.failureOf(ex);
            throw ex;
        }
        finally {
            this.events.publishEvent(new ProxyCallCompleted(vendorName, caller, request.getMethod(), call.status,
                    Duration.ofNanos(this.ticker.read() - started), call.replayed,
                    (call.sessionId != null) ? SessionFingerprint.of(call.sessionId) : null, call.failure));
        }
    }

    private void forward(String vendorName, String rawPath, HttpServletRequest request, HttpServletResponse response,
            Call outcome) throws IOException {
        ProxiedVendor vendor = this.vendors.get(vendorName);
        if (vendor == null) {
            throw new BrokerException.UnknownVendor(vendorName);
        }
        URI target = ProxyTarget.resolve(vendor.settings().baseUrl(), rawPath, request.getQueryString());
        // Asked on every call: a placement may carry the vendor's username or tenant key, which rotate.
        List<SessionPlacement> placements = vendor.settings().sessionPlacement();
        if (placements.isEmpty()) {
            throw ProxyProblems.notConfigured(vendorName);
        }
        // The body first, under its own deadline (broker.request-body.*), then the permit: a
        // caller trickling its body holds no permit, so it delays no other caller of the vendor.
        // Only a body larger than max-replay-body is still being read, at least at
        // broker.request-body.min-rate, while its call holds a permit.
        ProxyBody body = ProxyBody.read(request.getInputStream(), this.replayLimit, request.getContentLengthLong());
        if (!vendor.inFlight().tryAcquire()) {
            throw ProxyProblems.saturated(vendorName);
        }
        try {
            OutgoingCall call = new OutgoingCall(HttpMethod.valueOf(request.getMethod()), target,
                    forwardedHeaders(request), body);
            String sessionId = await(this.broker.lease(vendorName)).session().sessionId();
            outcome.sessionId = sessionId;
            ClientHttpResponse answer = send(vendor, call.inject(placements, sessionId, this.jsonMapper));
            ExpiredSessionDetector.Inspection inspection = vendor.detector().inspect(answer);
            if (inspection.expired() && call.body().isReplayable()) {
                answer.close();
                outcome.replayed = true;
                String fresh = await(this.broker.refresh(vendorName, sessionId, RefreshReason.PROXY_401)).session().sessionId();
                log.info("proxy vendor={} session expired on {} {}; refreshed and replaying once", vendorName,
                        call.method(), target.getRawPath());
                outcome.sessionId = fresh;
                answer = send(vendor, call.inject(placements, fresh, this.jsonMapper));
                inspection = vendor.detector().inspect(answer);
            }
            outcome.status = answer.getStatusCode().value();
            relay(answer, inspection, response);
        }
        finally {
            vendor.inFlight().release();
        }
    }

    /** What one call did, filled in as it goes. */
    private static final class Call {

        private int status;

        private boolean replayed;

        private @Nullable String sessionId;

        private @Nullable String failure;
    }

    private static ClientHttpResponse send(ProxiedVendor vendor, OutgoingCall call) throws IOException {
        try {
            ClientHttpRequest request = vendor.requestFactory().get().createRequest(call.uri(), call.method());
            request.getHeaders().putAll(call.headers());
            if (!call.body().isEmpty()) {
                if (call.body().length() >= 0) {
                    request.getHeaders().setContentLength(call.body().length());
                }
                if (request instanceof StreamingHttpOutputMessage streaming) {
                    streaming.setBody(call.body()::writeTo);
                }
                else {
                    call.body().writeTo(request.getBody());
                }
            }
            return request.execute();
        }
        catch (InterruptedIOException ex) {
            throw ProxyProblems.noAnswer(vendor.settings().name(), true, ex);
        }
        catch (IOException ex) {
            throw ProxyProblems.noAnswer(vendor.settings().name(), false, ex);
        }
    }

    /**
     * The caller's end-to-end headers; not its credentials for the broker, nor Host, nor what
     * proxies on the caller's side say about its network.
     */
    private static HttpHeaders forwardedHeaders(HttpServletRequest request) {
        HttpHeaders incoming = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            incoming.put(name, Collections.list(request.getHeaders(name)));
        }
        Set<String> dropped = hopByHop(incoming, HttpHeaders.HOST, HttpHeaders.CONTENT_LENGTH,
                HttpHeaders.AUTHORIZATION);
        HttpHeaders forwarded = new HttpHeaders();
        incoming.forEach((name, values) -> {
            if (!dropped.contains(name) && !isProxyHeader(name)
                    && !isCallerNetworkHeader(name)) {
                forwarded.put(name, values);
            }
        });
        return forwarded;
    }

    /** Status, end-to-end headers and body, streamed: a large answer is never held whole. */
    private static void relay(ClientHttpResponse answer, ExpiredSessionDetector.Inspection inspection,
            HttpServletResponse response) throws IOException {
        try (answer) {
            response.setStatus(answer.getStatusCode().value());
            HttpHeaders headers = answer.getHeaders();
            Set<String> dropped = hopByHop(headers, HttpHeaders.CONTENT_LENGTH);
            headers.forEach((name, values) -> {
                if (!dropped.contains(name) && !isProxyHeader(name)) {
                    values.forEach((value) -> response.addHeader(name, value));
                }
            });
            if (inspection.contentLength() >= 0) {
                response.setContentLengthLong(inspection.contentLength());
            }
            try (InputStream body = inspection.body()) {
                OutputStream out = response.getOutputStream();
                body.transferTo(out);
                out.flush();
            }
        }
    }

    /**
     * Headers to drop from one message: those that belong to one connection (RFC 9110
     * §7.6.1), those its Connection header names, and these.
     */
    private static Set<String> hopByHop(HttpHeaders headers, String... alsoDropped) {
        Set<String> dropped = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        dropped.addAll(HOP_BY_HOP);
        dropped.addAll(Set.of(alsoDropped));
        for (String value : headers.getOrEmpty(HttpHeaders.CONNECTION)) {
            for (String name : value.split(",")) {
                dropped.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return dropped;
    }

    private static boolean isProxyHeader(String name) {
        return name.regionMatches(true, 0, "proxy-", 0, 6);
    }

    /**
     * Headers in which proxies on the caller's side describe the caller's network (RFC 7239
     * {@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}): internal addresses and
     * host names that must not reach an outside party.
     */
    private static boolean isCallerNetworkHeader(String name) {
        return name.equalsIgnoreCase("forwarded") || name.regionMatches(true, 0, "x-forwarded-", 0, 12)
                || name.equalsIgnoreCase("x-real-ip");
    }

    private static SessionLease await(CompletableFuture<SessionLease> lease) {
        try {
            return lease.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }
}
