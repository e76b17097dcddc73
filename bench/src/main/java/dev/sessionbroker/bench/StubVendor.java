package dev.sessionbroker.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An AlertSite-shaped vendor on loopback that counts logins per vendor and can be told to
 * take its time: {@code POST /{vendor}/login} answers AlertSite's documented success body
 * after the vendor's configured delay, with a fresh session ID each time.
 */
public final class StubVendor implements AutoCloseable {

    private final HttpServer server;

    private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "stub-vendor");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, AtomicInteger> logins = new ConcurrentHashMap<>();

    private final Map<String, Long> delayMillis = new ConcurrentHashMap<>();

    private final AtomicLong sessions = new AtomicLong(0xef770427109e0000L);

    public StubVendor() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        this.server.createContext("/", this::handle);
        this.server.setExecutor(this.threads);
        this.server.start();
    }

    /** The base-url of a vendor served by this stub. */
    public String baseUrl(String vendor) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + vendor;
    }

    public void delay(String vendor, long millis) {
        this.delayMillis.put(vendor, millis);
    }

    public int logins(String vendor) {
        AtomicInteger count = this.logins.get(vendor);
        return (count != null) ? count.get() : 0;
    }

    public int totalLogins() {
        return this.logins.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length != 3 || !"login".equals(path[2]) || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String vendor = path[1];
            this.logins.computeIfAbsent(vendor, (name) -> new AtomicInteger()).incrementAndGet();
            sleep(this.delayMillis.getOrDefault(vendor, 0L));
            byte[] answer = ("{\"metadata\":{\"login\":\"bench@example.com\",\"session\":\""
                    + Long.toHexString(this.sessions.incrementAndGet())
                    + "\",\"status\":\"0\",\"message\":\"No errors.\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
        this.threads.shutdownNow();
    }
}
