package dev.sessionbroker.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import dev.sessionbroker.vendor.SessionFingerprint;

/**
 * Notes the fingerprint of the session an answer hands out (JSON or text/plain) for the
 * audit line {@link AuditFilter} writes when the answer is complete. Only the fingerprint is
 * kept: the session ID never reaches the audit.
 */
@ControllerAdvice
class HandedOutSessionAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
            MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request, ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest original = servlet.getServletRequest();
            AuditedCall call = AuditedCall.of(original);
            if (call != null) {
                if (body instanceof HandedOutSession session) {
                    call.sessionFingerprint(SessionFingerprint.of(session.sessionId()));
                }
            }
        }
        return body;
    }
}
