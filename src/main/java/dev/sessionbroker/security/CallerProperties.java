package dev.sessionbroker.security;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The caller side of {@code broker.*}: who may call the broker. Kept apart from the vendor
 * configuration (same prefix, other keys) so that each concern binds and validates on its
 * own; {@link ClientDirectory} validates it and says which client and key to fix.
 *
 * @param clients the callers allowed to use the broker, by name (lower-case letters, digits
 * and '-'; the name appears in audit lines and metric tags). With none, the broker serves
 * anonymous callers, and only on loopback unless {@code broker.security.allow-anonymous}
 * @param security switches of the caller authentication itself
 */
@ConfigurationProperties("broker")
public record CallerProperties(@DefaultValue Map<String, Client> clients, @DefaultValue Security security) {

    public CallerProperties {
        // Sorted so that start-up messages name the same client first every time.
        clients = new TreeMap<>(clients);
    }

    /**
     * One caller.
     *
     * @param tokenSha256 hex SHA-256 of the client's bearer token ({@code echo -n "$TOKEN" |
     * sha256sum}); the token itself is never configured. Optional for clients that
     * authenticate with a client certificate only
     * @param vendors the vendors this client may take sessions of and proxy to, or "*" for
     * every configured vendor
     * @param admin whether the client may also refresh and delete sessions of any vendor and
     * read health details, metrics, prometheus, env and configprops
     */
    public record Client(@Nullable String tokenSha256, @Nullable List<String> vendors,
            @DefaultValue("false") boolean admin) {

        @Override
        public String toString() {
            // Not a secret, but there is no reason to spread a token's digest through logs.
            return "Client[vendors=" + this.vendors + ", admin=" + this.admin + "]";
        }
    }

    /**
     * @param allowAnonymous serve callers without credentials even though no clients are
     * configured and the broker listens on a non-loopback address; anyone who can reach the
     * broker then gets every vendor's session
     */
    public record Security(@DefaultValue("false") boolean allowAnonymous) {
    }
}
