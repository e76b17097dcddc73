package dev.sessionbroker.proxy;

/** A vendor whose session injection is unknown (a generic vendor without session-injection). */
public class ProxyNotConfiguredException extends RuntimeException {

    private final String vendor;

    ProxyNotConfiguredException(String vendor) {
        super("vendor '" + vendor + "' cannot be proxied: set broker.vendors." + vendor
                + ".session-injection to say where its session goes", null, false, false);
        this.vendor = vendor;
    }

    public String vendor() {
        return this.vendor;
    }
}
