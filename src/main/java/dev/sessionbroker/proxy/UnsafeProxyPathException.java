package dev.sessionbroker.proxy;

/** A proxied path that could escape the vendor's base URL. Never sent anywhere. */
public class UnsafeProxyPathException extends RuntimeException {

    UnsafeProxyPathException() {
        super("the path /proxy/{vendor}/… must name the vendor unencoded and continue with a plain relative "
                + "path: no '.' or '..' segments, no encoded dots, slashes or backslashes, no empty segments", null,
                false, false);
    }
}
