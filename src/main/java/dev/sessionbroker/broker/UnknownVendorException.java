package dev.sessionbroker.broker;

/** A caller named a vendor that is not configured. */
public class UnknownVendorException extends RuntimeException {

    private final String vendor;

    public UnknownVendorException(String vendor) {
        super("no vendor named '" + vendor + "' is configured", null, false, false);
        this.vendor = vendor;
    }

    public String vendor() {
        return this.vendor;
    }
}
