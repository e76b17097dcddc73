package dev.sessionbroker.web;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes the cached session answer, {@link SessionView}, with a Jackson writer resolved once
 * from Boot's {@code JsonMapper} (same bytes as the general JSON converter), and a
 * {@code Content-Length}. The general converter resolves the type, builds a writer and
 * looks up its serializer on every answer; here that happens once. Jackson's share of the
 * hot path did not measurably drop with it (bench/RESULTS.md, section 12): what remains is
 * formatting the two {@code Instant}s.
 */
final class SessionViewJsonConverter extends AbstractHttpMessageConverter<SessionView> {

    private final ObjectWriter writer;

    SessionViewJsonConverter(JsonMapper mapper) {
        super(MediaType.APPLICATION_JSON);
        this.writer = mapper.writerFor(SessionView.class);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return SessionView.class == type;
    }

    @Override
    public boolean canRead(Class<?> type, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    protected SessionView readInternal(Class<? extends SessionView> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A session answer is never read from a request", input);
    }

    @Override
    protected void writeInternal(SessionView view, HttpOutputMessage output) throws IOException {
        byte[] body = this.writer.writeValueAsBytes(view);
        output.getHeaders().setContentLength(body.length);
        output.getBody().write(body);
    }
}
