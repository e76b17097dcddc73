package dev.sessionbroker.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The token is re-read when the file changes, looked at no more than once per check interval. */
class BearerTokenFileTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(BrokerStub.NOW);

    @Test
    void rotatedTokenIsReadAfterTheCheckInterval() throws Exception {
        Path file = write("token-1\n", 1);
        BearerTokenFile token = new BearerTokenFile(file, Duration.ofSeconds(5), this.clock);
        assertThat(token.get()).isEqualTo("token-1");

        write("token-2\n", 2);
        this.clock.advance(Duration.ofSeconds(4));
        assertThat(token.get()).as("within the check interval").isEqualTo("token-1");

        this.clock.advance(Duration.ofSeconds(1));
        assertThat(token.get()).isEqualTo("token-2");
    }

    @Test
    void aProjectedTokenSwappedThroughASymbolicLinkIsRead() throws Exception {
        Path first = Files.writeString(this.directory.resolve("..2026_1"), "jwt-1");
        Files.setLastModifiedTime(first, FileTime.fromMillis(1_000));
        Path link = Files.createSymbolicLink(this.directory.resolve("token"), first.getFileName());
        BearerTokenFile token = new BearerTokenFile(link, Duration.ZERO, this.clock);
        assertThat(token.get()).isEqualTo("jwt-1");

        Path second = Files.writeString(this.directory.resolve("..2026_2"), "jwt-2");
        Files.setLastModifiedTime(second, FileTime.fromMillis(2_000));
        Files.delete(link);
        Files.createSymbolicLink(link, second.getFileName());

        assertThat(token.get()).isEqualTo("jwt-2");
    }

    @Test
    void toStringNamesTheFileOnly() throws Exception {
        Path file = write("secret-token", 1);
        BearerTokenFile token = new BearerTokenFile(file, Duration.ofSeconds(5), this.clock);
        token.get();

        assertThat(token.toString()).doesNotContain("secret-token").contains(file.toString());
    }

    /** Modification times set explicitly: two writes within one file-system tick must still differ. */
    private Path write(String content, long seconds) throws Exception {
        Path file = Files.writeString(this.directory.resolve("token"), content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(seconds * 1000));
        return file;
    }
}
