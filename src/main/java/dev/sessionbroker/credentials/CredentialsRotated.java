package dev.sessionbroker.credentials;

/**
 * Rotated credentials were applied ({@link CredentialReloader}): a vendor's, or a client's.
 *
 * @param kind whose credentials
 * @param name the vendor's or the client's name
 * @param revoked (clients) every token digest was removed: the client's tokens no longer work
 */
public record CredentialsRotated(Kind kind, String name, boolean revoked) {

    /** Whose credentials were rotated. */
    public enum Kind {

        VENDOR, CLIENT
    }
}
