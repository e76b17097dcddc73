package dev.sessionbroker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An Infinite Blue server on loopback that remembers which sessions are live, for tests
 * whose question is not "what did the broker send" but "was the session it handed out still
 * good at the vendor". It is as strict as the real one: a login is {@code POST
 * /login?output=json} with the {@code loginName} and {@code password} headers, anything else
 * is a fail answer; a request body sent chunked gets 411; and, the point of it all, a login
 * ends every earlier session of the same user, and a logout ends a session for everyone.
 * <p>
 * {@code GET /sample?sessionId=…} answers 200 for a live session and 401 otherwise, as a
 * protected endpoint would. Logins can be held mid-flight ({@link #holdLogins()}) or slowed
 * ({@link #loginDelay(Duration)}), switched at runtime, so that a test can stop Redis or
 * kill a replica while a login is under way.
 */
public final class LiveVendor implements AutoCloseable {

    /** Longest a held login waits for {@link #releaseLogins()}: a forgotten release must not hang the build. */
    private static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private final HttpServer server;

    private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "live-vendor");
        thread.setDaemon(true);
        return thread;
    });

    private final String username;

    private volatile String password;

    private volatile Duration loginDelay = Duration.ZERO;

    private volatile CountDownLatch hold = new CountDownLatch(0);

    /** Live session ID to its user; a user has at most one. */
    private final Map<String, String> live = new ConcurrentHashMap<>();

    private final List<Login> logins = new CopyOnWriteArrayList<>();

    private final AtomicInteger loginArrivals = new AtomicInteger();

    private final AtomicInteger logouts = new AtomicInteger();

    /**
     * One login request as the vendor saw it.
     * @param arrivedAt when the request arrived (before any delay or hold)
     * @param sessionId the session issued, or null for a fail answer
     */
    public record Login(Instant arrivedAt, String sessionId) {

        public boolean succeeded() {
            return this.sessionId != null;
        }
    }

    public LiveVendor(String username, String password) {
        this.username = username;
        this.password = password;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/login", (exchange) -> answer(exchange, () -> login(exchange)));
        this.server.createContext("/logout", (exchange) -> answer(exchange, () -> logout(exchange)));
        this.server.createContext("/sample", (exchange) -> answer(exchange, () -> sample(exchange)));
        this.server.setExecutor(this.threads);
        this.server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    public String username() {
        return this.username;
    }

    /** The password the vendor accepts from now on. */
    public void password(String password) {
        this.password = password;
    }

    /** Every login from now on is answered this much later. */
    public void loginDelay(Duration delay) {
        this.loginDelay = delay;
    }

    /** Logins from now on wait until {@link #releaseLogins()} (at most 30 s). */
    public void holdLogins() {
        this.hold = new CountDownLatch(1);
    }

    public void releaseLogins() {
        this.hold.countDown();
    }

    /** Whether the vendor would accept this session right now. */
    public boolean isLive(String sessionId) {
        return this.live.containsKey(sessionId);
    }

    /** Login requests received, answered or not yet (a held one included). */
    public int loginArrivals() {
        return this.loginArrivals.get();
    }

    /** Login requests answered, in order of their answers. */
    public List<Login> logins() {
        return List.copyOf(this.logins);
    }

    public long successfulLogins() {
        return this.logins.stream().filter(Login::succeeded).count();
    }

    public long failedLogins() {
        return this.logins.stream().filter((login) -> !login.succeeded()).count();
    }

    public int logouts() {
        return this.logouts.get();
    }

    private Answer login(HttpExchange exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return new Answer(405, "text/plain", "Method Not Allowed");
        }
        Instant arrivedAt = Instant.now();
        this.loginArrivals.incrementAndGet();
        String loginName = exchange.getRequestHeaders().getFirst("loginName");
        String given = exchange.getRequestHeaders().getFirst("password");
        boolean json = "json".equals(query(exchange).get("output"));
        waitForTurn();
        if (json && this.username.equals(loginName) && this.password.equals(given)) {
            String sessionId = UUID.randomUUID().toString().replace("-", "") + "@5857";
            synchronized (this.live) {
                // A login ends every earlier session of the same user.
                this.live.values().removeIf(this.username::equals);
                this.live.put(sessionId, this.username);
            }
            this.logins.add(new Login(arrivedAt, sessionId));
            return Answer.json("{\"status\":\"ok\", \"sessionId\":\"" + sessionId + "\" }");
        }
        this.logins.add(new Login(arrivedAt, null));
        return Answer.json("{\"status\":\"fail\", \"message\":\"Invalid login name or password\" }");
    }

    private Answer logout(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return new Answer(405, "text/plain", "Method Not Allowed");
        }
        String sessionId = query(exchange).get("sessionId");
        this.logouts.incrementAndGet();
        if (sessionId != null) {
            this.live.remove(sessionId);
        }
        return Answer.json("{\"status\":\"ok\"}");
    }

    private Answer sample(HttpExchange exchange) {
        String sessionId = query(exchange).get("sessionId");
        if (sessionId == null || !isLive(sessionId)) {
            return new Answer(401, "application/json", "{\"status\":\"fail\", \"message\":\"Invalid session\" }");
        }
        return Answer.json("{\"status\":\"ok\"}");
    }

    private void waitForTurn() {
        try {
            if (!this.hold.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a held login was never released");
            }
            Thread.sleep(this.loginDelay.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Frames as strictly as the real server: a chunked request body is refused unread. */
    private static void answer(HttpExchange exchange, Handler handler) {
        try {
            String encoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
            Answer answer;
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                answer = new Answer(411, "text/plain", "Length Required");
            }
            else {
                try (InputStream body = exchange.getRequestBody()) {
                    body.readAllBytes();
                }
                answer = handler.handle();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        catch (IOException ex) {
            // The caller went away (a replica killed mid-login): the vendor has done its part.
        }
        finally {
            exchange.close();
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String query = URI.create(exchange.getRequestURI().toString()).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int split = pair.indexOf('=');
                if (split > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, split), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(split + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        releaseLogins();
        this.server.stop(0);
        this.threads.shutdownNow();
    }

    @FunctionalInterface
    private interface Handler {

        Answer handle();
    }

    private record Answer(int status, String contentType, String body) {

        static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }
    }
}
