package dev.sessionbroker.bench.bare;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A constant JSON answer on the broker's URL shape, {@code bare.body-length} bytes long (the
 * length of the broker's cached answer, measured by the benchmark script), with the broker's
 * headers: {@code application/json}, {@code Cache-Control: no-store}, a Content-Length.
 * Whatever {@code Authorization} header arrives is ignored.
 */
@SpringBootApplication
@RestController
public class BareApp {

    private final String body;

    BareApp(@Value("${bare.body-length:160}") int length) {
        String head = "{\"vendor\":\"alertsite\",\"padding\":\"";
        String tail = "\"}";
        this.body = head + "x".repeat(Math.max(0, length - head.length() - tail.length())) + tail;
    }

    @GetMapping(path = "/sessions/{vendor}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> session(@PathVariable String vendor) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.body);
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApp.class, args);
    }
}
