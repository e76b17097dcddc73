package dev.sessionbroker.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;

/**
 * The credentials of one vendor account, which may be rotated while the broker runs: the
 * common {@code username} and {@code password}, and the settings of the vendor's type, whose
 * credential keys rotate too. Adapters read them at the moment they write a login, so the
 * next login after a rotation uses the new ones. Replaced as a whole, never half.
 * {@code toString()} names no value.
 */
public final class VendorCredentials {

    private volatile Values current;

    /**
     * @param username null where the type logs in otherwise (an AppViewX service account)
     * @param options the vendor type's settings
     */
    public VendorCredentials(@Nullable String username, @Nullable Secret password, Object options) {
        this.current = new Values(username, password, options);
    }

    public @Nullable String username() {
        return this.current.username();
    }

    public @Nullable Secret password() {
        return this.current.password();
    }

    /** The vendor type's settings, as they are now. */
    public Object options() {
        return this.current.options();
    }

    /** The password and the type's credentials, revealed, for blanking out of vendor text; never logged. */
    public List<String> secretValues() {
        Values values = this.current;
        List<String> secrets = new ArrayList<>();
        if (values.password() != null && !values.password().isBlank()) {
            secrets.add(values.password().reveal());
        }
        if (values.options() instanceof CredentialOptions credentials) {
            credentials.credentialValues().stream().filter((value) -> !value.isBlank()).forEach(secrets::add);
        }
        return secrets;
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
    public synchronized boolean update(@Nullable String username, @Nullable Secret password, Object options) {
        Values next = new Values(username, password, options);
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

        private final @Nullable String username;

        private final @Nullable Secret password;

        private final Object options;

        private volatile @Nullable String fingerprint;

        Values(@Nullable String username, @Nullable Secret password, Object options) {
            this.username = username;
            this.password = password;
            this.options = options;
        }

        @Nullable String username() {
            return this.username;
        }

        @Nullable Secret password() {
            return this.password;
        }

        Object options() {
            return this.options;
        }

        /** Computed once per set of values, at the first login that needs it. */
        String fingerprint() {
            String computed = this.fingerprint;
            if (computed == null) {
                List<String> typeCredentials = (this.options instanceof CredentialOptions credentials)
                        ? credentials.credentialValues() : List.of();
                computed = CredentialsFingerprint.of(Objects.toString(this.username, ""), this.password,
                        typeCredentials);
                this.fingerprint = computed;
            }
            return computed;
        }

        /** Secrets compare in constant time ({@link Secret#equals}), and so do the type's settings records. */
        boolean sameAs(Values other) {
            return Objects.equals(this.username, other.username) && Objects.equals(this.password, other.password)
                    && this.options.equals(other.options);
        }

        @Override
        public String toString() {
            return "Values[username=" + this.username + "]";
        }
    }
}
