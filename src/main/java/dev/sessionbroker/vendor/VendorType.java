package dev.sessionbroker.vendor;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The vendor login protocols the broker speaks, with each vendor's own defaults.
 */
public enum VendorType {

    /** AlertSite: "A session ID automatically expires 15 minutes after its last use." */
    ALERTSITE("alertsite", URI.create("https://www.alertsite.com/alertsite-restapi"), Duration.ofMinutes(15));

    private final String id;

    private final @Nullable URI defaultBaseUrl;

    private final Duration defaultIdleTimeout;

    VendorType(String id, @Nullable URI defaultBaseUrl, Duration defaultIdleTimeout) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultIdleTimeout = defaultIdleTimeout;
    }

    /** The value of {@code broker.vendors.<name>.type}. */
    public String id() {
        return this.id;
    }

    /** The public endpoint, or {@code null} where every installation has its own host. */
    public @Nullable URI defaultBaseUrl() {
        return this.defaultBaseUrl;
    }

    public Duration defaultIdleTimeout() {
        return this.defaultIdleTimeout;
    }

    public static @Nullable VendorType fromId(String id) {
        for (VendorType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        return null;
    }

    public static String knownIds() {
        return Arrays.stream(values()).map(VendorType::id).collect(Collectors.joining(", "));
    }
}
