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
    ALERTSITE("alertsite", URI.create("https://www.alertsite.com/alertsite-restapi"), Duration.ofMinutes(15)),

    /**
     * Infinite Blue: sessions expire by the customer's security level, a number the docs do not
     * give. 10 minutes stays under the shortest common idle limits; a session the vendor drops
     * earlier is replaced by a refresh, and one login at a time keeps earlier sessions alive.
     */
    INFINITEBLUE("infiniteblue", URI.create("https://app.infiniteblue.com/rest/api"), Duration.ofMinutes(10)),

    /** Revulytics: the docs name no session lifetime; 10 minutes, refreshed on a 401. */
    REVULYTICS("revulytics", URI.create("https://api.revulytics.com"), Duration.ofMinutes(10)),

    /** AppViewX: every installation has its own host; 15 minutes, the docs' request timeout period. */
    APPVIEWX("appviewx", null, Duration.ofMinutes(15)),

    /** A vendor described in configuration: nothing is known about it, so the shorter default. */
    GENERIC("generic", null, Duration.ofMinutes(10));

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

    /** Whether the login can carry a one-time password (AppViewX's {@code otp} header). */
    public boolean takesOneTimePassword() {
        return this == APPVIEWX;
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
