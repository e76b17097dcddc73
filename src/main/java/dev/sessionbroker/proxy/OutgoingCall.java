package dev.sessionbroker.proxy;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A call to a vendor before its session is injected. Injection returns a new call, so the
 * original can be injected again with a fresh session for the one replay.
 */
record OutgoingCall(HttpMethod method, URI uri, HttpHeaders headers, ProxyBody body) {

    OutgoingCall withUri(URI uri) {
        return new OutgoingCall(this.method, uri, this.headers, this.body);
    }

    OutgoingCall withHeader(String name, String value) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(this.headers);
        copy.set(name, value);
        return new OutgoingCall(this.method, this.uri, copy, this.body);
    }

    OutgoingCall withBody(byte[] bytes) {
        return new OutgoingCall(this.method, this.uri, this.headers, ProxyBody.of(bytes));
    }
}
