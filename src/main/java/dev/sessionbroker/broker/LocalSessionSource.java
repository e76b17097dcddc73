package dev.sessionbroker.broker;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.vendor.VendorSettings;

/** The default: every session comes from this replica's own login. */
public final class LocalSessionSource implements SessionSource {

    private final LoginAttempts logins;

    public LocalSessionSource(LoginAttempts logins) {
        this.logins = logins;
    }

    @Override
    public CompletableFuture<Session> load(VendorSettings vendor) {
        return this.logins.start(vendor);
    }

    @Override
    public CompletableFuture<Session> replace(VendorSettings vendor, @Nullable String rejectedSessionId,
            @Nullable Secret otp) {
        return this.logins.start(vendor, otp);
    }
}
