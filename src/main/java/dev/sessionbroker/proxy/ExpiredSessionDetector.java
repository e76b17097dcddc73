package dev.sessionbroker.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

import dev.sessionbroker.adapter.BodyStatusRule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells whether a vendor refused a proxied call because its session is no longer valid: 401
 * from any vendor; a redirect to a login page (Revulytics answers a GET without session with
 * 302); or, for vendors that report errors inside a 200, a body status from the vendor's
 * {@code session-expired-statuses}. Reading a body status means buffering the answer, which
 * is done only for JSON answers within the replay limit (a gzip one is inflated to read it,
 * and relayed as it came).
 */
final class ExpiredSessionDetector {

    private final @Nullable BodyStatusRule rule;

    private final Set<String> expiredStatuses;

    private final JsonMapper jsonMapper;

    private final long bufferLimit;

    /**
     * @param rule where the vendor's body status is, or null where a 401 says it all
     * @param expiredStatuses the body statuses that mean "session invalid"
     */
    ExpiredSessionDetector(@Nullable BodyStatusRule rule, Set<String> expiredStatuses, JsonMapper jsonMapper,
            long bufferLimit) {
        this.rule = rule;
        this.expiredStatuses = expiredStatuses;
        this.jsonMapper = jsonMapper;
        this.bufferLimit = bufferLimit;
    }

    /** The verdict, and the body to relay (the buffered copy where the body was inspected). */
    record Inspection(boolean expired, InputStream body, long contentLength) {
    }

    Inspection inspect(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        HttpHeaders headers = response.getHeaders();
        if (status == 401 || isRedirectToLogin(status, headers)) {
            return new Inspection(true, InputStream.nullInputStream(), 0);
        }
        if (!inspectsBody(status, headers)) {
            return new Inspection(false, response.getBody(), headers.getContentLength());
        }
        byte[] head = response.getBody().readNBytes((int) this.bufferLimit + 1);
        if (head.length > this.bufferLimit) {
            // Too large to have been an error answer: relay it whole, unread.
            return new Inspection(false, new java.io.SequenceInputStream(new ByteArrayInputStream(head),
                    response.getBody()), headers.getContentLength());
        }
        BodyStatusRule rule = this.rule;
        byte[] decoded = decoded(head, headers);
        return new Inspection(rule != null && decoded != null && isExpiredStatus(rule, decoded),
                new ByteArrayInputStream(head), head.length);
    }

    /**
     * The body as JSON text for inspection only; the caller still gets the bytes as sent. A
     * gzip answer (the caller's Accept-Encoding is passed to the vendor) is inflated up to the
     * replay limit: anything that inflates beyond it is no error answer. Null for an encoding
     * the broker does not read.
     */
    private byte @Nullable [] decoded(byte[] body, HttpHeaders headers) {
        String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.trim().equalsIgnoreCase("gzip") && !encoding.trim().equalsIgnoreCase("x-gzip")) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] inflated = in.readNBytes((int) this.bufferLimit + 1);
            return (inflated.length > this.bufferLimit) ? null : inflated;
        }
        catch (IOException ex) {
            return null;
        }
    }

    private boolean inspectsBody(int status, HttpHeaders headers) {
        if (this.rule == null || this.expiredStatuses.isEmpty() || status != 200) {
            return false;
        }
        MediaType type;
        try {
            type = headers.getContentType();
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        long length = headers.getContentLength();
        return type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON) && length <= this.bufferLimit;
    }

    private boolean isExpiredStatus(BodyStatusRule rule, byte[] body) {
        try {
            JsonNode value = this.jsonMapper.readTree(body).at(rule.pointer());
            if (value.isMissingNode() || value.isNull()) {
                return false;
            }
            String status = value.asString();
            return this.expiredStatuses.contains(status)
                    || (this.expiredStatuses.contains(BodyStatusRule.ANY_FAILURE) && !rule.successValue().equals(status));
        }
        catch (JacksonException ex) {
            return false;
        }
    }

    private static boolean isRedirectToLogin(int status, HttpHeaders headers) {
        if (status < 300 || status >= 400) {
            return false;
        }
        String location = headers.getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return false;
        }
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.contains("login") || lower.contains("auth");
    }
}
