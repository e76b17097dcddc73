package dev.sessionbroker.proxy;

import org.springframework.http.HttpHeaders;

/** A cookie, added to whatever cookies the caller sent. */
record CookieInjection(String name) implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        String existing = call.headers().getFirst(HttpHeaders.COOKIE);
        String cookie = this.name + "=" + sessionId;
        return call.withHeader(HttpHeaders.COOKIE, (existing != null) ? existing + "; " + cookie : cookie);
    }
}
