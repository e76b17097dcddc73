package dev.sessionbroker.proxy;

import java.net.URI;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import dev.sessionbroker.config.Secret;

/**
 * A query parameter the vendor wants on every call whatever the session, such as AppViewX's
 * {@code gwkey} tenant key, which the broker holds so that callers need not.
 */
record FixedQueryParameter(String name, Secret value) implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        URI uri = UriComponentsBuilder.fromUri(call.uri())
            .replaceQueryParam(this.name, UriUtils.encodeQueryParam(this.value.reveal(), "UTF-8"))
            .build(true)
            .toUri();
        return call.withUri(uri);
    }

    @Override
    public String toString() {
        return "FixedQueryParameter[name=" + this.name + ", value=******]";
    }
}
