package dev.sessionbroker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A plain JDK HTTP client aimed at the broker under test, so that tests exercise the real
 * wire and can fire many requests at once.
 */
public final class BrokerHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public BrokerHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    public HttpResponse<String> postEmpty(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return this.client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path, String accept) {
        return this.client.sendAsync(request(path).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code count} copies of a request at once and waits for every answer. */
    public List<HttpResponse<String>> concurrently(int count, HttpRequest request) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
    }
}
