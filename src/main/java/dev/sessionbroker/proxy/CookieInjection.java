package dev.sessionbroker.proxy;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A cookie, added to whatever cookies the caller sent. Without a name the session is already
 * a {@code name=value} pair (Revulytics with {@code use-cookies}).
 */
record CookieInjection(@Nullable String name) implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        String existing = call.headers().getFirst(HttpHeaders.COOKIE);
        String cookie = (this.name != null) ? this.name + "=" + sessionId : sessionId;
        return call.withHeader(HttpHeaders.COOKIE, (existing != null) ? existing + "; " + cookie : cookie);
    }
}
