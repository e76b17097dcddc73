package dev.sessionbroker.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.sessionbroker.config.BrokerProperties;

/**
 * Gives every request body an allowance ({@code broker.request-body.*}): {@code timeout}, plus
 * a second for each {@code min-rate} bytes received, never more than {@code max-time}. A caller
 * who trickles its body gets 408 once the allowance is spent, instead of holding a request
 * thread for as long as it keeps sending a byte now and then. The allowance is checked each
 * time a read returns; a read that waits for bytes waits at most {@code timeout}, Tomcat's
 * upload timeout ({@link TomcatBodyLimits}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyDeadline extends OncePerRequestFilter {

    private final BrokerProperties.RequestBody limits;

    private final Ticker ticker;

    RequestBodyDeadline(BrokerProperties properties, Ticker ticker) {
        this.limits = properties.requestBody();
        this.ticker = ticker;
    }

    /**
     * A request without a body (every cached {@code GET /sessions/{vendor}}) has nothing to
     * time: it is not wrapped. HTTP/1.1 has a body only with a {@code Content-Length} above 0
     * or a {@code Transfer-Encoding}; other protocols are always wrapped.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null
                && request.getProtocol().startsWith("HTTP/1");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Deadlined(request, new Allowance(this.limits, this.ticker)), response);
    }

    static ProblemException tooSlow(BrokerProperties.RequestBody limits) {
        return Problem.REQUEST_BODY_TIMEOUT.exception(null, "the request body did not arrive in time: "
                + "a body may take " + limits.timeout().toMillis() + " ms plus one second per "
                + limits.minRate().toBytes() + " bytes, at most " + limits.maxTime().toMillis()
                + " ms (broker.request-body.*)");
    }

    /** The time a body has left, counted from the end of its request head. */
    private static final class Allowance {

        private final BrokerProperties.RequestBody limits;

        private final Ticker ticker;

        private final long started;

        private long received;

        Allowance(BrokerProperties.RequestBody limits, Ticker ticker) {
            this.limits = limits;
            this.ticker = ticker;
            this.started = ticker.read();
        }

        void check(int read) {
            if (read > 0) {
                this.received += read;
            }
            long earned = (long) (this.received * (1_000_000_000.0 / this.limits.minRate().toBytes()));
            long allowed = Math.min(this.limits.maxTime().toNanos(), this.limits.timeout().toNanos() + earned);
            if (this.ticker.read() - this.started > allowed) {
                throw tooSlow(this.limits);
            }
        }

        /** Tomcat's upload timeout: no byte for {@code timeout}, a 408 like a spent allowance. */
        RuntimeException translate(IOException ex) throws IOException {
            if (ex instanceof SocketTimeoutException || ex.getCause() instanceof SocketTimeoutException) {
                throw tooSlow(this.limits);
            }
            throw ex;
        }
    }

    private static final class Deadlined extends HttpServletRequestWrapper {

        private final Allowance allowance;

        private @Nullable ServletInputStream stream;

        Deadlined(HttpServletRequest request, Allowance allowance) {
            super(request);
            this.allowance = allowance;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.stream == null) {
                this.stream = new DeadlinedStream(super.getInputStream(), this.allowance);
            }
            return this.stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class DeadlinedStream extends ServletInputStream {

        private final ServletInputStream in;

        private final Allowance allowance;

        DeadlinedStream(ServletInputStream in, Allowance allowance) {
            this.in = in;
            this.allowance = allowance;
        }

        @Override
        public int read() throws IOException {
            this.allowance.check(0);
            try {
                int b = this.in.read();
                this.allowance.check((b >= 0) ? 1 : 0);
                return b;
            }
            catch (IOException ex) {
                throw this.allowance.translate(ex);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            this.allowance.check(0);
            try {
                int read = this.in.read(buffer, offset, length);
                this.allowance.check(read);
                return read;
            }
            catch (IOException ex) {
                throw this.allowance.translate(ex);
            }
        }

        @Override
        public int available() throws IOException {
            return this.in.available();
        }

        @Override
        public boolean isFinished() {
            return this.in.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            this.in.close();
        }
    }
}
