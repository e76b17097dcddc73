package dev.sessionbroker.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Writes a request byte for byte, for what ordinary clients refuse to send: backslashes and
 * raw dots in paths, hop-by-hop headers, huge chunked bodies.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** @return the whole answer, status line first */
    public static String exchange(int port, String requestHead) {
        return exchange(null, port, requestHead);
    }

    /**
     * A request without a body from a loopback address of the caller's choice (Linux routes
     * all of 127.0.0.0/8 to the loopback interface), so that a test has per-address state
     * (back-off, coalesced audit lines) of its own in a shared broker, and can play a proxy
     * or its clients.
     * @return the whole answer, status line first
     */
    public static String from(String localAddress, int port, String method, String rawTarget, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return exchange(localAddress, port, head.toString());
    }

    /** The status code of an answer {@link #exchange} or {@link #from} returned. */
    public static int status(String answer) {
        return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    private static String exchange(@Nullable String localAddress, int port, String requestHead) {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static String get(int port, String rawTarget, String... headers) {
        StringBuilder head = new StringBuilder("GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return exchange(port, head.toString());
    }

    /**
     * Sends {@code prefix} followed by filler up to {@code size} bytes as a chunked body (no
     * {@code Content-Length}, so only a limit on what is read can stop it), while reading the
     * answer. A server that answers early and closes may cut the upload off: that is fine.
     * @return the answer's head and body
     */
    public static String chunked(int port, String method, String target, String contentType, String prefix,
            long size, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\nTransfer-Encoding: chunked\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            Thread upload = new Thread(() -> upload(out, prefix, size), "raw-http-upload");
            upload.setDaemon(true);
            upload.start();
            String answer = readAnswer(socket.getInputStream());
            upload.interrupt();
            return answer;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void upload(OutputStream out, String prefix, long size) {
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'x');
        try {
            writeChunk(out, prefix.getBytes(StandardCharsets.UTF_8), prefix.length());
            for (long sent = prefix.length(); sent < size && !Thread.currentThread().isInterrupted();) {
                int length = (int) Math.min(filler.length, size - sent);
                writeChunk(out, filler, length);
                sent += length;
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        catch (IOException ex) {
            // The server answered and closed before reading everything: what the caller tests.
        }
    }

    private static void writeChunk(OutputStream out, byte[] bytes, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes, 0, length);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Head, then as many body bytes as Content-Length says (or up to the end of the stream). */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != 0x0d0a0d0a && (b = in.read()) != -1) {
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        long length = -1;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = (length >= 0) ? in.readNBytes((int) length) : in.readAllBytes();
        return headText + new String(body, StandardCharsets.ISO_8859_1);
    }

    /**
     * Starts a request that declares a body of {@code declaredLength} bytes and sends only
     * {@code firstBytes} of it: the rest comes when the test says so, or never. For callers
     * that trickle a body, hostile or broken.
     */
    public static SlowUpload slowUpload(int port, String method, String target, String contentType,
            long declaredLength, String firstBytes, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(declaredLength)
            .append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n").append(firstBytes);
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new SlowUpload(socket);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A request whose body the test sends bit by bit; closing it abandons the request. */
    public static final class SlowUpload implements AutoCloseable {

        private final Socket socket;

        private SlowUpload(Socket socket) {
            this.socket = socket;
        }

        /** More of the body; false when the server no longer takes it (it answered and closed). */
        public boolean send(String bytes) {
            try {
                this.socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
                this.socket.getOutputStream().flush();
                return true;
            }
            catch (IOException ex) {
                return false;
            }
        }

        /**
         * The answer's head and body, waiting at most {@code within}.
         * @throws AssertionError when none came in time
         */
        public String answer(Duration within) {
            try {
                this.socket.setSoTimeout((int) within.toMillis());
                return readAnswer(this.socket.getInputStream());
            }
            catch (SocketTimeoutException ex) {
                throw new AssertionError("no answer within " + within, ex);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * Whether the server closed the connection (end of stream, or a reset: closing with
         * unread bytes resets) within {@code within}, after the answer was read.
         */
        public boolean closedWithin(Duration within) {
            try {
                this.socket.setSoTimeout((int) within.toMillis());
                return this.socket.getInputStream().read() == -1;
            }
            catch (SocketTimeoutException ex) {
                return false;
            }
            catch (SocketException ex) {
                return true;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close() {
            try {
                this.socket.close();
            }
            catch (IOException ex) {
                // Abandoned anyway.
            }
        }
    }
}
