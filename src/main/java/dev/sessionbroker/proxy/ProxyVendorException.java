package dev.sessionbroker.proxy;

/** A proxied call that got no answer from the vendor: unreachable (502) or too slow (504). */
public class ProxyVendorException extends RuntimeException {

    private final String vendor;

    private final boolean timeout;

    ProxyVendorException(String vendor, boolean timeout, Throwable cause) {
        super(timeout ? "vendor did not answer the proxied call in time (" + cause.getClass().getSimpleName() + ")"
                : "could not reach vendor for the proxied call (" + cause.getClass().getSimpleName() + ")", cause,
                false, false);
        this.vendor = vendor;
        this.timeout = timeout;
    }

    public String vendor() {
        return this.vendor;
    }

    public boolean isTimeout() {
        return this.timeout;
    }
}
