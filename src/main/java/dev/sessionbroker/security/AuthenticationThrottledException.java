package dev.sessionbroker.security;

import java.time.Duration;

/** Too many failed authentications from the caller's address: it must wait (429). */
public class AuthenticationThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    AuthenticationThrottledException(Duration wait) {
        super("Too many failed authentications from this address; try again later.", null, false, false);
        // Round up: a caller that waits exactly Retry-After seconds must not be refused again.
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return this.retryAfterSeconds;
    }
}
