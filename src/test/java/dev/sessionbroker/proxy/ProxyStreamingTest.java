package dev.sessionbroker.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multi-megabyte answer is streamed through, not held: the vendor sends 4 MiB and then
 * waits until the caller has received 3 MiB (buffers on the way may hold back a little)
 * before sending the other 4. A proxy that buffered the whole answer would never deliver
 * the first part, and the call would fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProxyStreamingTest {

    private static final int CHUNK = 1024 * 1024;

    private static final CountDownLatch callerGotFirstPart = new CountDownLatch(1);

    private static final HttpServer vendor = startVendor();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("broker.vendors.alertsite.type", () -> "alertsite");
        registry.add("broker.vendors.alertsite.base-url",
                () -> "http://127.0.0.1:" + vendor.getAddress().getPort() + "/api");
        registry.add("broker.vendors.alertsite.username", () -> "ops@example.com");
        registry.add("broker.vendors.alertsite.password", () -> "streaming-pass");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopVendor() {
        vendor.stop(0);
    }

    @Test
    void largeAnswerIsStreamedToTheCallerAsItArrives() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/proxy/alertsite/export"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        long total = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = body.read(buffer)) != -1) {
                total += read;
                if (total >= 3L * CHUNK) {
                    callerGotFirstPart.countDown();
                }
            }
        }

        assertThat(total).isEqualTo(8L * CHUNK);
    }

    private static HttpServer startVendor() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/login", (exchange) -> {
                byte[] body = "{\"metadata\":{\"session\":\"5e55105e55105e55\",\"status\":\"0\"}}"
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/api/export", (exchange) -> {
                exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, 8L * CHUNK);
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] chunk = new byte[CHUNK];
                    for (int i = 0; i < 8; i++) {
                        if (i == 4 && !callerGotFirstPart.await(30, TimeUnit.SECONDS)) {
                            throw new IOException("the caller never received the first half: the proxy buffers");
                        }
                        out.write(chunk);
                        out.flush();
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
