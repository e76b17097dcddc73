package dev.sessionbroker.broker;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.adapter.LoginFailure;

/**
 * The last failed login of a vendor, as operators and callers may see it.
 *
 * @param kind rejected, unusable, transient or timeout
 * @param vendorStatus the vendor's own status code, where it sent one
 * @param message what went wrong (never a credential)
 * @param at when it happened
 */
public record LoginError(String kind, @Nullable String vendorStatus, String message, Instant at) {

    static LoginError of(LoginFailure failure, Instant at) {
        String vendorStatus = (failure instanceof LoginFailure.Rejected rejected) ? rejected.vendorStatus() : null;
        return new LoginError(failure.kind().label(), vendorStatus, failure.getMessage(), at);
    }
}
