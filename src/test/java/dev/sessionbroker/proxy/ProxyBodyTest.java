package dev.sessionbroker.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller's body of unknown length (chunked) is held only up to the replay limit: the rest
 * stays in the connection and is streamed to the vendor, so neither the replay buffer nor the
 * Revulytics JSON injection (which needs a held body) can be made to read it whole.
 */
class ProxyBodyTest {

    @Test
    void anEndlessBodyIsHeldOnlyUpToTheReplayLimit() throws IOException {
        EndlessBody caller = new EndlessBody();

        ProxyBody body = ProxyBody.read(caller, 64 * 1024, -1);

        assertThat(body.isReplayable()).isFalse();
        assertThat(caller.delivered).isEqualTo(64 * 1024 + 1);
    }

    @Test
    void aBodyWithinTheLimitIsHeldForTheReplay() throws IOException {
        ProxyBody body = ProxyBody.read(InputStream.nullInputStream(), 64 * 1024, 0);

        assertThat(body.isEmpty()).isTrue();
        assertThat(body.isReplayable()).isTrue();
    }

    /** A chunked upload that never ends; counts what was taken from it. */
    private static final class EndlessBody extends InputStream {

        long delivered;

        @Override
        public int read() {
            this.delivered++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, (byte) 'x');
            this.delivered += length;
            return length;
        }
    }
}
