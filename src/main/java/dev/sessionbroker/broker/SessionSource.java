package dev.sessionbroker.broker;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.vendor.VendorSettings;

/**
 * Where the broker gets a session when its local cache has none: a login of its own
 * ({@link LocalSessionSource}), or a store shared by all replicas that makes sure only one of
 * them logs in. The local Caffeine cache in front of it stays the hot path.
 */
public interface SessionSource {

    /** A session for a vendor with nothing cached locally. */
    CompletableFuture<Session> load(VendorSettings vendor);

    /**
     * A session to replace one a caller saw rejected.
     * @param rejectedSessionId the refused session, or null to replace whatever is current
     * @param otp a one-time password for this one login (AppViewX MFA), or null
     */
    CompletableFuture<Session> replace(VendorSettings vendor, @Nullable String rejectedSessionId,
            @Nullable Secret otp);

    /** A cached session was handed out: on the hot path, so it must not block. */
    default void used(Session session) {
    }

    /**
     * The vendor's credentials were rotated: a cool-down this source shares with other
     * replicas ends too.
     */
    default void credentialsChanged(String vendor) {
    }

    /** The vendor's session was dropped on request ({@code DELETE /sessions/{vendor}}). */
    default void dropped(String vendor) {
    }

    /**
     * Lets the source tell the broker that a vendor's session changed elsewhere (another
     * replica refreshed it): the broker then drops its local copy unless it is that session.
     */
    default void onChange(ChangeListener listener) {
    }

    @FunctionalInterface
    interface ChangeListener {

        /**
         * @param vendor the vendor
         * @param currentFingerprint fingerprint of the session now current, or null if none is
         */
        void changed(String vendor, @Nullable String currentFingerprint);
    }
}
