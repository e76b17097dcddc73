package dev.sessionbroker.proxy;

/** A proxied request body the session cannot be put into. */
public class ProxyBodyException extends RuntimeException {

    ProxyBodyException(String message) {
        super(message, null, false, false);
    }
}
