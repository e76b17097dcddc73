package dev.sessionbroker.adapter;

import java.util.List;

/**
 * Implemented by the settings of a type whose block holds part of the account's credentials
 * ({@link VendorDefinition#credentialKeys()}), so that the fingerprint that keys a
 * rejection to the credentials it rejected covers them too.
 */
public interface CredentialOptions {

    /** Those values, revealed, in a fixed order; never logged. */
    List<String> credentialValues();
}
