package dev.sessionbroker.adapter;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;

/**
 * The credentials of one vendor account, which may be rotated while the broker runs: adapters
 * read them at the moment they write a login, so the next login after a rotation uses the new
 * ones. Replaced as a whole, never half. {@code toString()} names no value.
 */
public final class VendorCredentials {

    private volatile Values current;

    public VendorCredentials(String username, Secret password, @Nullable Secret gatewayKey) {
        this.current = new Values(username, password, gatewayKey);
    }

    public String username() {
        return this.current.username();
    }

    public Secret password() {
        return this.current.password();
    }

    /** AppViewX's {@code gwkey} tenant key, where one is configured. */
    public @Nullable Secret gatewayKey() {
        return this.current.gatewayKey();
    }

    /**
     * A fingerprint of these credentials, for keeping a rejection with the credentials it
     * rejected: replicas share cool-downs through Redis by it, so a replica whose password was
     * already rotated is not held back by another's stale one. A slow, salted hash cut to 64
     * bits: it tells credentials apart and does not make a password guessable from Redis.
     */
    public String fingerprint() {
        return this.current.fingerprint();
    }

    /**
     * Takes the rotated values.
     * @return whether anything changed
     */
    public synchronized boolean update(String username, Secret password, @Nullable Secret gatewayKey) {
        Values next = new Values(username, password, gatewayKey);
        if (this.current.sameAs(next)) {
            return false;
        }
        this.current = next;
        return true;
    }

    @Override
    public String toString() {
        return "VendorCredentials[username=" + username() + ", password=******]";
    }

    private static final class Values {

        private final String username;

        private final Secret password;

        private final @Nullable Secret gatewayKey;

        private volatile @Nullable String fingerprint;

        Values(String username, Secret password, @Nullable Secret gatewayKey) {
            this.username = username;
            this.password = password;
            this.gatewayKey = gatewayKey;
        }

        String username() {
            return this.username;
        }

        Secret password() {
            return this.password;
        }

        @Nullable Secret gatewayKey() {
            return this.gatewayKey;
        }

        /** Computed once per set of values, at the first login that needs it. */
        String fingerprint() {
            String computed = this.fingerprint;
            if (computed == null) {
                computed = CredentialsFingerprint.of(this.username, this.password,
                        this.gatewayKey);
                this.fingerprint = computed;
            }
            return computed;
        }

        boolean sameAs(Values other) {
            return this.username.equals(other.username) && same(this.password, other.password)
                    && same(this.gatewayKey, other.gatewayKey);
        }

        private static boolean same(@Nullable Secret a, @Nullable Secret b) {
            if (a == null || b == null) {
                return Objects.equals(a, b);
            }
            return MessageDigest.isEqual(a.reveal().getBytes(StandardCharsets.UTF_8),
                    b.reveal().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Values[username=" + this.username + "]";
        }
    }
}
