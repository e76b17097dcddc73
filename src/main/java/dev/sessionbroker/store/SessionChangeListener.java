package dev.sessionbroker.store;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

import dev.sessionbroker.broker.SharedSessionSource;

/** Passes "vendor\nfingerprint" messages from other replicas on to the broker. */
final class SessionChangeListener implements MessageListener {

    private final SharedSessionSource source;

    SessionChangeListener(SharedSessionSource source) {
        this.source = source;
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        int split = body.indexOf('\n');
        if (split > 0) {
            String fingerprint = body.substring(split + 1);
            this.source.changed(body.substring(0, split), fingerprint.isEmpty() ? null : fingerprint);
        }
    }
}
