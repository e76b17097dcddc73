package dev.sessionbroker.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Reads a session API body through a bound, whatever its framing: a declared
 * {@code Content-Length} is refused up front by {@link BodySizeLimit}, but a chunked body
 * declares nothing, and Jackson would otherwise take it whole (30 MB bodies ran the broker
 * out of heap). At most one byte past the limit is ever held.
 */
@ControllerAdvice(assignableTypes = SessionsController.class)
class BoundedRequestBody extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = message.getBody().readNBytes((int) BodySizeLimit.LIMIT + 1);
        if (body.length > BodySizeLimit.LIMIT) {
            throw BodySizeLimit.tooLarge("request body exceeds the limit of " + BodySizeLimit.LIMIT + " bytes");
        }
        return new Read(message.getHeaders(), new ByteArrayInputStream(body));
    }

    private record Read(HttpHeaders headers, InputStream body) implements HttpInputMessage {

        @Override
        public HttpHeaders getHeaders() {
            return this.headers;
        }

        @Override
        public InputStream getBody() {
            return this.body;
        }
    }
}
