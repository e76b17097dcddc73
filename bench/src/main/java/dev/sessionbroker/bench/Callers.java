package dev.sessionbroker.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N callers that each hold an open connection and send one request at the same moment, so
 * that a herd measures the broker rather than TCP connection set-up: connections are opened
 * first, then every request is written, then the answers are read as they come (one selector
 * thread). A caller is answered when the last byte its {@code Content-Length} announces has
 * arrived, as a client with a keep-alive pool would see it; the requests still say
 * {@code Connection: close}, so the server does the work of closing too, and an answer
 * without a length counts when the server closes.
 */
final class Callers {

    /** @param nanos from the moment the first request was written to the end of this answer */
    record Answer(int status, String body, long nanos) {
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    private Callers() {
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
    }

    static String postJson(String path, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + json.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + json;
    }

    /** Unanswered callers after {@code timeoutMillis} come back with status 0. */
    static List<Answer> fire(int port, int count, String request, long timeoutMillis) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        List<SocketChannel> channels = new ArrayList<>(count);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.configureBlocking(false);
                channels.add(channel);
            }
            List<Caller> callers = new ArrayList<>(count);
            long start = System.nanoTime();
            for (SocketChannel channel : channels) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                Caller caller = new Caller();
                callers.add(caller);
                channel.register(selector, SelectionKey.OP_READ, caller);
            }
            read(selector, count, start, start + timeoutMillis * 1_000_000L);
            return callers.stream().map((caller) -> caller.answer()).toList();
        }
        finally {
            for (SocketChannel channel : channels) {
                channel.close();
            }
        }
    }

    private static void read(Selector selector, int count, long start, long deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int open = count;
        while (open > 0 && System.nanoTime() < deadline) {
            selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            for (SelectionKey key : selector.selectedKeys()) {
                Caller caller = (Caller) key.attachment();
                buffer.clear();
                int read;
                try {
                    read = ((SocketChannel) key.channel()).read(buffer);
                }
                catch (IOException ex) {
                    read = -1;
                }
                if (read > 0) {
                    caller.received.write(buffer.array(), 0, read);
                    if (caller.nanos < 0 && caller.isComplete()) {
                        caller.nanos = System.nanoTime() - start;
                    }
                }
                else if (read < 0) {
                    if (caller.nanos < 0) {
                        caller.nanos = System.nanoTime() - start;
                    }
                    key.cancel();
                    open--;
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static final class Caller {

        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        long nanos = -1;

        /** Headers and as many body bytes as they announce (the bodies here are ASCII JSON). */
        boolean isComplete() {
            String text = this.received.toString(StandardCharsets.ISO_8859_1);
            int bodyAt = text.indexOf("\r\n\r\n");
            if (bodyAt < 0) {
                return false;
            }
            Matcher length = CONTENT_LENGTH.matcher(text.substring(0, bodyAt));
            return length.find() && text.length() - (bodyAt + 4) >= Integer.parseInt(length.group(1));
        }

        Answer answer() {
            String text = this.received.toString(StandardCharsets.UTF_8);
            if (this.nanos < 0 || !text.startsWith("HTTP/1.1 ")) {
                return new Answer(0, "", this.nanos);
            }
            int bodyAt = text.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(text.substring(9, 12)), (bodyAt < 0) ? "" : text.substring(bodyAt + 4),
                    this.nanos);
        }
    }
}
