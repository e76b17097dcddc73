package dev.sessionbroker.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Issues the emulators' session IDs and remembers them, so that the emulators' sample
 * endpoints can refuse a session that was never issued or was logged out.
 */
@Component
@Profile("demo")
class IssuedSessions {

    private final SecureRandom random = new SecureRandom();

    private final Set<String> live = ConcurrentHashMap.newKeySet();

    String issue(int hexLength) {
        byte[] bytes = new byte[hexLength / 2];
        this.random.nextBytes(bytes);
        return remember(HexFormat.of().formatHex(bytes));
    }

    /** For emulators whose session IDs have their own shape. */
    String remember(String sessionId) {
        this.live.add(sessionId);
        return sessionId;
    }

    boolean isLive(@Nullable String sessionId) {
        return sessionId != null && this.live.contains(sessionId);
    }

    void revoke(@Nullable String sessionId) {
        if (sessionId != null) {
            this.live.remove(sessionId);
        }
    }
}
