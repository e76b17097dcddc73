package dev.sessionbroker.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.http.HttpHeaders;

/** HTTP Basic with a fixed user name and the session ID as the password (AlertSite JSON API). */
record BasicAuthInjection(String username) implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        String credentials = this.username + ":" + sessionId;
        return call.withHeader(HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
