package dev.sessionbroker.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Gets vendor sessions from the broker and keeps each until its {@code expiresAt} less a
 * margin, so that most calls cost no broker round trip. Callers of one JVM asking for a vendor
 * while its session is being fetched wait for that one fetch (single-flight), as the broker
 * does for its logins. A failure is not kept: the next call asks the broker again (which
 * answers a cool-down itself, 503 with {@code Retry-After}).
 *
 * <p>Observations (Micrometer): {@code session.broker.client} for each call that reaches the
 * broker, tagged {@code vendor} and {@code operation} ({@code get} or {@code refresh}); a
 * session served from the local cache costs none.
 */
public class SessionBrokerClient {

    private final RestClient broker;

    private final Duration expiryMargin;

    private final Set<Integer> rejectedStatuses;

    private final ObservationRegistry observations;

    private final Clock clock;

    private final JsonMapper json = JsonMapper.builder().build();

    private final ConcurrentMap<String, CompletableFuture<BrokerSession>> sessions = new ConcurrentHashMap<>();

    /**
     * @param broker a client for the broker: its base URL, caller credentials and timeouts
     * (the auto-configuration builds it from {@code session-broker.*})
     * @param expiryMargin how long before {@code expiresAt} a session is asked for anew
     * @param rejectedStatuses the vendor statuses that mean "session rejected" for the
     * {@link #interceptor(String) interceptors} this client makes
     */
    public SessionBrokerClient(RestClient broker, Duration expiryMargin, Set<Integer> rejectedStatuses,
            ObservationRegistry observations, Clock clock) {
        this.broker = broker;
        this.expiryMargin = expiryMargin;
        this.rejectedStatuses = Set.copyOf(rejectedStatuses);
        this.observations = observations;
        this.clock = clock;
    }

    /** The vendor's current session: from the local cache while it lasts, else from the broker. */
    public BrokerSession session(String vendor) {
        while (true) {
            CompletableFuture<BrokerSession> current = this.sessions.get(vendor);
            if (current != null && (!current.isDone() || isUsable(current))) {
                return await(current);
            }
            CompletableFuture<BrokerSession> mine = new CompletableFuture<>();
            if (claim(vendor, current, mine)) {
                return fetch(vendor, mine, "get", () -> get(vendor));
            }
        }
    }

    /**
     * A new session in place of one the vendor rejected ({@code POST /sessions/{vendor}/refresh}
     * naming it). Where the session known here already is another one (another thread refreshed
     * it), that one comes back without asking the broker; concurrent refreshes naming one
     * session make one broker call.
     */
    public BrokerSession refresh(String vendor, String rejectedSessionId) {
        while (true) {
            CompletableFuture<BrokerSession> current = this.sessions.get(vendor);
            if (current != null && !current.isDone()) {
                BrokerSession pending = awaitQuietly(current);
                if (pending != null && !pending.sessionId().equals(rejectedSessionId)) {
                    return pending;
                }
                continue;
            }
            if (current != null && isUsable(current) && !current.join().sessionId().equals(rejectedSessionId)) {
                return current.join();
            }
            CompletableFuture<BrokerSession> mine = new CompletableFuture<>();
            if (claim(vendor, current, mine)) {
                return fetch(vendor, mine, "refresh", () -> post(vendor, rejectedSessionId));
            }
        }
    }

    /** An interceptor for a {@code RestClient} calling this vendor, with this client's rejected statuses. */
    public SessionInterceptor interceptor(String vendor) {
        return new SessionInterceptor(this, vendor, this.rejectedStatuses);
    }

    private boolean claim(String vendor, @Nullable CompletableFuture<BrokerSession> current,
            CompletableFuture<BrokerSession> mine) {
        return (current != null) ? this.sessions.replace(vendor, current, mine)
                : this.sessions.putIfAbsent(vendor, mine) == null;
    }

    private boolean isUsable(CompletableFuture<BrokerSession> done) {
        if (done.isCompletedExceptionally()) {
            return false;
        }
        return this.clock.instant().isBefore(done.join().expiresAt().minus(this.expiryMargin));
    }

    private BrokerSession fetch(String vendor, CompletableFuture<BrokerSession> mine, String operation,
            Supplier<BrokerSession> call) {
        try {
            BrokerSession session = Observation.createNotStarted("session.broker.client", this.observations)
                .lowCardinalityKeyValue("vendor", vendor)
                .lowCardinalityKeyValue("operation", operation)
                .observe(call);
            mine.complete(session);
            return session;
        }
        catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            this.sessions.remove(vendor, mine);
            throw ex;
        }
    }

    private static BrokerSession await(CompletableFuture<BrokerSession> future) {
        try {
            return future.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    private static @Nullable BrokerSession awaitQuietly(CompletableFuture<BrokerSession> future) {
        try {
            return future.join();
        }
        catch (CompletionException ex) {
            return null;
        }
    }

    private BrokerSession get(String vendor) {
        return this.broker.get()
            .uri("/sessions/{vendor}", vendor)
            .accept(MediaType.APPLICATION_JSON)
            .exchange((request, response) -> read(vendor, response), true);
    }

    private BrokerSession post(String vendor, String rejectedSessionId) {
        return this.broker.post()
            .uri("/sessions/{vendor}/refresh", vendor)
            .accept(MediaType.APPLICATION_JSON)
            .contentType(MediaType.APPLICATION_JSON)
            .body(this.json.writeValueAsBytes(Map.of("rejectedSessionId", rejectedSessionId)))
            .exchange((request, response) -> read(vendor, response), true);
    }

    private BrokerSession read(String vendor, ClientHttpResponse response) throws IOException {
        byte[] body = response.getBody().readAllBytes();
        int status = response.getStatusCode().value();
        if (status == 200) {
            try {
                return this.json.readValue(body, BrokerSession.class);
            }
            catch (JacksonException ex) {
                throw new SessionBrokerException(vendor, status, null, "the answer is not a session", null);
            }
        }
        JsonNode problem = problem(body);
        throw new SessionBrokerException(vendor, status, text(problem, "type"), text(problem, "detail"),
                retryAfter(response.getHeaders()));
    }

    private @Nullable JsonNode problem(byte[] body) {
        try {
            return (body.length > 0) ? this.json.readTree(body) : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable JsonNode problem, String field) {
        return (problem != null && problem.path(field).isString()) ? problem.path(field).asString() : null;
    }

    private static @Nullable Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        try {
            return (value != null) ? Duration.ofSeconds(Long.parseLong(value.trim())) : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "SessionBrokerClient[vendors=" + this.sessions.keySet() + "]";
    }
}
