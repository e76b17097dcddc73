package dev.sessionbroker.proxy;

import java.net.URI;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** A query parameter (Infinite Blue: {@code sessionId}); replaces one the caller sent. */
record QueryParameterInjection(String name) implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        URI uri = UriComponentsBuilder.fromUri(call.uri())
            .replaceQueryParam(this.name, UriUtils.encodeQueryParam(sessionId, "UTF-8"))
            .build(true)
            .toUri();
        return call.withUri(uri);
    }
}
