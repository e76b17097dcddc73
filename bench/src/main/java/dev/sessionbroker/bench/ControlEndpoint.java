package dev.sessionbroker.bench;

import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The yardstick of the HTTP hot-path benchmark: the cheapest Spring MVC answer of the same
 * shape as {@code GET /sessions/{vendor}} (same URL pattern, same headers, a constant JSON body
 * of the same length), served by the same JVM. Exists only in the benchmark build and only
 * under the {@code bench} profile.
 */
@RestController
@Profile("bench")
class ControlEndpoint {

    /** A SessionView as the broker writes it: 16-hex session ID, instants with microseconds. */
    private static final String BODY = "{\"vendor\":\"alertsite\",\"type\":\"alertsite\","
            + "\"sessionId\":\"0123456789abcdef\",\"obtainedAt\":\"2026-01-01T00:00:00.123456Z\","
            + "\"expiresAt\":\"2026-01-01T00:15:00.123456Z\"}";

    @GetMapping(path = "/bench/control/{vendor}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> control(@PathVariable String vendor) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).body(BODY);
    }
}
