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
 * the call is never replayed.
 */
final class ProxyBody {

    private static final ProxyBody EMPTY = new ProxyBody(new byte[0], null);

    private final byte @Nullable [] bytes;

    private final @Nullable InputStream stream;

    private ProxyBody(byte @Nullable [] bytes, @Nullable InputStream stream) {
        this.bytes = bytes;
        this.stream = stream;
    }

    static ProxyBody of(byte[] bytes) {
        return new ProxyBody(bytes, null);
    }

    static ProxyBody read(InputStream in, long replayLimit) throws IOException {
        byte[] head = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, replayLimit + 1));
        if (head.length == 0) {
            return EMPTY;
        }
        if (head.length <= replayLimit) {
            return new ProxyBody(head, null);
        }
        return new ProxyBody(null, new SequenceInputStream(new ByteArrayInputStream(head), in));
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
