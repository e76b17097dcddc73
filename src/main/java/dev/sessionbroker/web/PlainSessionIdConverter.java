package dev.sessionbroker.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Writes a {@link PlainSessionId} as its bare UTF-8 text, with a {@code Content-Length}. */
final class PlainSessionIdConverter extends AbstractHttpMessageConverter<PlainSessionId> {

    PlainSessionIdConverter() {
        super(StandardCharsets.UTF_8, MediaType.TEXT_PLAIN);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return PlainSessionId.class == type;
    }

    @Override
    public boolean canRead(Class<?> type, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    protected PlainSessionId readInternal(Class<? extends PlainSessionId> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A session ID is never read from a request", input);
    }

    @Override
    protected Long getContentLength(PlainSessionId answer, @Nullable MediaType contentType) {
        return (long) bytes(answer).length;
    }

    @Override
    protected void writeInternal(PlainSessionId answer, HttpOutputMessage output) throws IOException {
        output.getBody().write(bytes(answer));
    }

    private static byte[] bytes(PlainSessionId answer) {
        return answer.sessionId().getBytes(StandardCharsets.UTF_8);
    }
}
