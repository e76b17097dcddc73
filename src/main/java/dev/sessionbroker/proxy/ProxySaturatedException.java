package dev.sessionbroker.proxy;

/** All of a vendor's proxy permits are taken: fail fast rather than queue on a slow vendor. */
public class ProxySaturatedException extends RuntimeException {

    private final String vendor;

    ProxySaturatedException(String vendor) {
        super("too many proxied calls to vendor '" + vendor + "' are in flight (broker.proxy.max-concurrent-per-vendor)",
                null, false, false);
        this.vendor = vendor;
    }

    public String vendor() {
        return this.vendor;
    }
}
