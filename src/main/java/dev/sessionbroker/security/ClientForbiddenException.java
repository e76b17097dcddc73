package dev.sessionbroker.security;

import org.jspecify.annotations.Nullable;

/** An authenticated client asked for a vendor, or an actuator endpoint, it may not use (403). */
public class ClientForbiddenException extends RuntimeException {

    private final @Nullable String vendor;

    ClientForbiddenException(String client, @Nullable String vendor) {
        super((vendor != null) ? "Client '" + client + "' may not use vendor '" + vendor + "'."
                : "Client '" + client + "' may not use this endpoint; it is for admin clients.", null, false, false);
        this.vendor = vendor;
    }

    public @Nullable String vendor() {
        return this.vendor;
    }
}
