package dev.sessionbroker.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the emulators as strict about framing as the real vendor APIs and their gateways: a
 * request body sent chunked instead of with a {@code Content-Length} gets 411 Length Required
 * (RFC 9112 §6.3). Tomcat alone would accept it, and so once hid chunked logins that strict
 * servers read as an empty body.
 */
@Component
@Profile("demo")
class LengthRequiredFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/emulator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            response.setStatus(HttpServletResponse.SC_LENGTH_REQUIRED);
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getOutputStream().write("Length Required".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        chain.doFilter(request, response);
    }
}
