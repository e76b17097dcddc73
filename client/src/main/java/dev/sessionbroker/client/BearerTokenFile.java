package dev.sessionbroker.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The caller's bearer token for the broker, read from a file and read again when the file
 * changes: a Kubernetes projected service-account token or a mounted Secret is replaced on
 * disk (through a symbolic link swap, which the modification time follows), and the next call
 * carries the new token without a restart. The file's modification time is looked at no more
 * than once per {@code checkInterval}, so a busy caller does not stat the file on every call.
 */
public final class BearerTokenFile implements Supplier<String> {

    private final Path path;

    private final Duration checkInterval;

    private final Clock clock;

    private @Nullable Instant checkedAt;

    private @Nullable FileTime modified;

    private @Nullable String token;

    public BearerTokenFile(Path path, Duration checkInterval, Clock clock) {
        this.path = path;
        this.checkInterval = checkInterval;
        this.clock = clock;
    }

    /** The token as the file has it now (surrounding white space removed). */
    @Override
    public synchronized String get() {
        Instant now = this.clock.instant();
        String current = this.token;
        if (current != null && this.checkedAt != null && now.isBefore(this.checkedAt.plus(this.checkInterval))) {
            return current;
        }
        this.checkedAt = now;
        try {
            FileTime modified = Files.getLastModifiedTime(this.path);
            if (current == null || !modified.equals(this.modified)) {
                String read = Files.readString(this.path, StandardCharsets.UTF_8).strip();
                if (read.isEmpty()) {
                    // Caught between truncation and write: the previous token still holds, the next look reads it.
                    if (current != null) {
                        return current;
                    }
                    throw new IllegalStateException("The bearer token file " + this.path + " is empty");
                }
                this.token = read;
                this.modified = modified;
                return read;
            }
            return current;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the bearer token file " + this.path, ex);
        }
    }

    @Override
    public String toString() {
        return "BearerTokenFile[" + this.path + "]";
    }
}
