package dev.sessionbroker.config;

/**
 * A vendor entry that cannot work. Carries the vendor and the full property key so that
 * {@link InvalidVendorConfigurationFailureAnalyzer} can tell the operator what to fix.
 */
public class InvalidVendorConfigurationException extends RuntimeException {

    private final String vendor;

    private final String key;

    private final String problem;

    public InvalidVendorConfigurationException(String vendor, String key, String problem) {
        super("Vendor '" + vendor + "': " + key + " " + problem);
        this.vendor = vendor;
        this.key = key;
        this.problem = problem;
    }

    /** What is wrong with the key's value, never the value itself. */
    public String problem() {
        return this.problem;
    }

    public String vendor() {
        return this.vendor;
    }

    public String key() {
        return this.key;
    }
}
