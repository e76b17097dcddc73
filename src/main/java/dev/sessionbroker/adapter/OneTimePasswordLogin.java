package dev.sessionbroker.adapter;

import dev.sessionbroker.config.Secret;

/**
 * A capability of the {@link VendorClient}s whose login can carry a one-time password
 * (AppViewX accounts with multi-factor authentication, its {@code otp} header): the seam for
 * {@code POST /sessions/{vendor}/refresh} with {@code {"otp":"…"}}. A client that cannot take
 * one simply does not implement it, so no caller can reach a login that is not there.
 */
public interface OneTimePasswordLogin {

    /**
     * Performs one login with this one-time password.
     * @throws LoginFailure when no session came of it
     */
    LoginResult login(Secret otp);
}
