package dev.sessionbroker.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Issues the emulators' session IDs and remembers them with the user they were issued to, so
 * that the emulators' sample endpoints can refuse a session that was never issued, was logged
 * out, or is presented for another user (Revulytics checks {@code user} beside
 * {@code sessionId}).
 */
@Component
@Profile("demo")
class IssuedSessions {

    private final SecureRandom random = new SecureRandom();

    private final Map<String, String> live = new ConcurrentHashMap<>();

    String issue(int hexLength, String user) {
        return remember(newId(hexLength), user);
    }

    String newId(int hexLength) {
        byte[] bytes = new byte[hexLength / 2];
        this.random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** For emulators whose session IDs have their own shape. */
    String remember(String sessionId, String user) {
        this.live.put(sessionId, user);
        return sessionId;
    }

    boolean isLive(@Nullable String sessionId) {
        return sessionId != null && this.live.containsKey(sessionId);
    }

    /** Whether the session is live and was issued to this user. */
    boolean isLiveFor(@Nullable String sessionId, @Nullable String user) {
        return sessionId != null && user != null && user.equals(this.live.get(sessionId));
    }

    void revoke(@Nullable String sessionId) {
        if (sessionId != null) {
            this.live.remove(sessionId);
        }
    }
}
