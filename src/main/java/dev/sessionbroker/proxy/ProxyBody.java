package dev.sessionbroker.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StreamUtils;

/**
 * A caller's request body. Up to the replay limit it is kept in memory, so that the call can
 * be sent a second time after a session refresh; a larger body is streamed through once and
 * the call is never replayed. A streamed body keeps the length the caller declared, so that
 * it reaches the vendor framed as the caller sent it (strict servers refuse chunked bodies).
 */
final class ProxyBody {

    private static final ProxyBody EMPTY = new ProxyBody(new byte[0], null, 0);

    private final byte @Nullable [] bytes;

    private final @Nullable InputStream stream;

    private final long length;

    private ProxyBody(byte @Nullable [] bytes, @Nullable InputStream stream, long length) {
        this.bytes = bytes;
        this.stream = stream;
        this.length = length;
    }

    static ProxyBody of(byte[] bytes) {
        return new ProxyBody(bytes, null, bytes.length);
    }

    /** @param declaredLength the caller's {@code Content-Length}, or -1 for a chunked body */
    static ProxyBody read(InputStream in, long replayLimit, long declaredLength) throws IOException {
        byte[] head = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, replayLimit + 1));
        if (head.length == 0) {
            return EMPTY;
        }
        if (head.length <= replayLimit) {
            return of(head);
        }
        return new ProxyBody(null, new SequenceInputStream(new ByteArrayInputStream(head), in), declaredLength);
    }

    /** The length to announce to the vendor, or -1 where the caller sent the body chunked. */
    long length() {
        return this.length;
    }

    boolean isReplayable() {
        return this.bytes != null;
    }

    boolean isEmpty() {
        return this.bytes != null && this.bytes.length == 0;
    }

    /** The kept bytes; only for replayable bodies. */
    byte[] bytes() {
        if (this.bytes == null) {
            throw new IllegalStateException("A streamed body is not kept");
        }
        return this.bytes;
    }

    void writeTo(OutputStream out) throws IOException {
        if (this.bytes != null) {
            out.write(this.bytes);
        }
        else if (this.stream != null) {
            StreamUtils.copy(this.stream, out);
        }
    }
}
