package dev.sessionbroker.adapter;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A vendor's login answer, read whole (login answers are small; {@link VendorHttp} caps the
 * size) so that an adapter can inspect status, headers and body in any order.
 */
public record VendorAnswer(int status, HttpHeaders headers, byte[] body) {

    public boolean isSuccessful() {
        return this.status >= 200 && this.status < 300;
    }

    public @Nullable MediaType contentType() {
        try {
            return this.headers.getContentType();
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** A description of what came back, safe to show: never the body itself. */
    public String describe() {
        MediaType type = contentType();
        return "HTTP " + this.status + ", " + ((type != null) ? type.toString() : "no content type") + ", "
                + this.body.length + " bytes";
    }
}
