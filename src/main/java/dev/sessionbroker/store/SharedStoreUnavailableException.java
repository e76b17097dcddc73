package dev.sessionbroker.store;

/**
 * Redis is unreachable and the vendor must not be logged in to by replicas on their own
 * (Infinite Blue: a login ends every other session of the user).
 */
public class SharedStoreUnavailableException extends RuntimeException {

    private final String vendor;

    SharedStoreUnavailableException(String vendor) {
        super("the shared session store is unavailable, and vendor '" + vendor
                + "' allows one session per user: no replica logs in on its own until the store is back", null, false,
                false);
        this.vendor = vendor;
    }

    public String vendor() {
        return this.vendor;
    }
}
