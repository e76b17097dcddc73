package dev.sessionbroker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Writes a request byte for byte, for what ordinary clients refuse to send: backslashes and
 * raw dots in paths, hop-by-hop headers.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** @return the whole answer, status line first */
    public static String exchange(int port, String requestHead) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
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
}
