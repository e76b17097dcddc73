package dev.sessionbroker.adapter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP plumbing every adapter shares: a client with the vendor's timeouts, one place
 * where connection errors and server-side statuses become {@link LoginFailure}s, and
 * lenient JSON reading that reports what was wrong without echoing the body.
 */
public final class VendorHttp {

    /** Login answers are a few hundred bytes; anything far larger is not one. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final VendorSettings vendor;

    private final RestClient restClient;

    private final JsonMapper jsonMapper;

    VendorHttp(VendorSettings vendor, RestClient.Builder builder, JsonMapper jsonMapper,
            ClientHttpRequestFactory requestFactory) {
        this.vendor = vendor;
        this.jsonMapper = jsonMapper;
        this.restClient = builder.clone().baseUrl(vendor.baseUrl().toString()).requestFactory(requestFactory).build();
    }

    public RestClient restClient() {
        return this.restClient;
    }

    private String vendorName() {
        return this.vendor.name();
    }

    /**
     * Sends a login request and reads the answer. Server errors (5xx) and 429 become
     * {@link LoginFailure.Transient}; every other status is left to the adapter.
     */
    public VendorAnswer send(RestClient.RequestHeadersSpec<?> request) {
        VendorAnswer answer;
        try {
            answer = request.exchange((req, res) -> new VendorAnswer(res.getStatusCode().value(), res.getHeaders(),
                    res.getBody().readNBytes(MAX_ANSWER_BYTES)), true);
        }
        catch (ResourceAccessException ex) {
            throw connectionFailure(ex);
        }
        if (answer.status() >= 500 || answer.status() == 429) {
            throw new LoginFailure.Transient(vendorName(), "vendor answered HTTP " + answer.status(),
                    retryAfter(answer.headers()), null);
        }
        return answer;
    }

    /** Parses a JSON answer, or explains (without quoting it) why it is not one. */
    public JsonNode json(VendorAnswer answer) {
        if (answer.body().length == 0) {
            throw unusable("empty answer (" + answer.describe() + ")");
        }
        try {
            JsonNode node = this.jsonMapper.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw unusable("answer is not a JSON object (" + answer.describe() + ")");
            }
            return node;
        }
        catch (JacksonException ex) {
            throw unusable("answer is not JSON (" + answer.describe() + ")");
        }
    }

    public LoginFailure.Unusable unusable(String detail) {
        return new LoginFailure.Unusable(vendorName(), detail);
    }

    /**
     * Vendor text copied into our answers, with the password and the type's credentials blanked out in case a vendor
     * echoes it back, and cut short.
     */
    public @Nullable String vendorText(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : this.vendor.credentials().secretValues()) {
            redacted = redacted.replace(secret, "******");
        }
        String line = VendorText.oneLine(redacted, Integer.MAX_VALUE);
        return (line.length() > 200) ? VendorText.oneLine(line, 200) + "…" : line;
    }

    private LoginFailure connectionFailure(ResourceAccessException ex) {
        Throwable cause = ex.getCause();
        String detail = (cause != null) ? cause.getClass().getSimpleName() : "I/O error";
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
            return new LoginFailure.TimedOut(vendorName(), "vendor did not answer in time (" + detail
                    + ", connect-timeout " + this.vendor.connectTimeout() + ", read-timeout "
                    + this.vendor.readTimeout() + ")", cause);
        }
        return new LoginFailure.Transient(vendorName(), "could not reach vendor (" + detail + ")", null,
                (cause instanceof IOException) ? cause : ex);
    }

    /** The delta-seconds form of {@code Retry-After}; the HTTP-date form is ignored. */
    private static @Nullable Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
