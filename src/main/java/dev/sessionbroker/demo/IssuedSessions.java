package dev.sessionbroker.demo;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Issues the emulators' session IDs. */
@Component
@Profile("demo")
class IssuedSessions {

    private final SecureRandom random = new SecureRandom();

    String issue(int hexLength) {
        byte[] bytes = new byte[hexLength / 2];
        this.random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
