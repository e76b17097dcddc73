package dev.sessionbroker.broker;

/** A refresh carried an {@code otp} for a vendor type whose login takes none. */
public class OneTimePasswordNotSupportedException extends RuntimeException {

    private final String vendor;

    OneTimePasswordNotSupportedException(String vendor) {
        super("vendor '" + vendor + "' does not take a one-time password (only appviewx logins do)", null, false,
                false);
        this.vendor = vendor;
    }

    public String vendor() {
        return this.vendor;
    }
}
