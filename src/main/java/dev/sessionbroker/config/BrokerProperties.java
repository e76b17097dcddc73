package dev.sessionbroker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The whole broker.* configuration as operators write it, with every default beside
 * its description. Values are raw here; the vendors' entries are validated and given their
 * type defaults by adapter.Vendors, the callers by security.ClientDirectory, so
 * that a bad entry stops start-up with a message naming the vendor or client and the key.
 *
 * @param vendors the vendors callers may ask for, by the name they use in
 * {@code /sessions/{vendor}} (lower-case letters, digits and '-'). Each entry is bound and
 * checked key by key by adapter.Vendors: the common keys of VendorProperties,
 * and the block named after the vendor's type, which that type's package owns
 * @param store where sessions live: local (Caffeine only, the default) or redis (shared by
 * all replicas through Redis, configured with spring.data.redis.*)
 * @param clients the callers allowed to use the broker, by name (lower-case letters, digits
 * and '-'; the name appears in audit lines and metric tags). With none, the broker serves
 * anonymous callers, and only on loopback unless broker.security.allow-anonymous
 * @param security switches of the caller authentication itself
 * @param proxy proxy mode
 * @param redis the shared store, with store: redis
 * @param credentials re-reading rotated credentials without a restart
 * @param requestBody how long and how slowly a caller may send a request body
 */
// Unknown keys stop start-up (UnknownBrokerKeyFailureAnalyzer names them): a misspelt
// optional key (idle-timout, retry.max-attempt) would otherwise be ignored in silence.
@ConfigurationProperties(prefix = "broker", ignoreUnknownFields = false)
public record BrokerProperties(@DefaultValue Map<String, Object> vendors, @DefaultValue("local") Store store,
        @DefaultValue Map<String, Client> clients, @DefaultValue Security security, @DefaultValue Proxy proxy,
        @DefaultValue Redis redis, @DefaultValue Credentials credentials, @DefaultValue RequestBody requestBody) {

    public BrokerProperties {
        // Sorted so that listings, start-up logs and messages are stable.
        vendors = new TreeMap<>(vendors);
        clients = new TreeMap<>(clients);
    }

    /** Where sessions live. */
    public enum Store {

        /** Caffeine only, no other process. */
        LOCAL,

        /** Shared by every replica through Redis. */
        REDIS

    }

    /**
     * One caller.
     *
     * @param tokenSha256 hex SHA-256 of the client's bearer token (echo -n "$TOKEN" |
     * sha256sum); the token itself is never configured. Up to two, comma-separated or as a
     * list, so that a rotation is: add the new token's digest, move the caller to the new
     * token, remove the old digest. Optional for clients that authenticate with a client
     * certificate or a JWT only. Deleting it while the broker runs (a rotated config tree)
     * revokes the client's tokens at once
     * @param subject the sub claim of the JWTs this client presents, e.g. a pod's
     * projected service-account token: system:serviceaccount:<namespace>:<service-account>.
     * Needs spring.security.oauth2.resourceserver.jwt.jwk-set-uri or issuer-uri
     * @param vendors the vendors this client may take sessions of and proxy to, or "*" for
     * every configured vendor
     * @param admin whether the client may also refresh and delete sessions of any vendor and
     * read health details, metrics, prometheus, env and configprops
     * @param oneTimePassword whether the client may refresh with a one-time password (an
     * AppViewX login with MFA), which costs a login attempt towards the account's lockout;
     * admin clients always may
     */
    // The annotation only feeds the IDE metadata ("*" is the client's name); clients are bound
    // as the values of BrokerProperties.clients.
    @ConfigurationProperties("broker.clients.*")
    public record Client(@Nullable List<String> tokenSha256, @Nullable List<String> vendors,
            @DefaultValue("false") boolean admin, @Nullable String subject,
            @DefaultValue("false") boolean oneTimePassword) {

        @Override
        public String toString() {
            // Not a secret, but there is no reason to spread a token's digest through logs.
            return "Client[vendors=" + this.vendors + ", admin=" + this.admin + ", subject=" + this.subject
                    + ", oneTimePassword=" + this.oneTimePassword + "]";
        }
    }

    /**
     * @param allowAnonymous serve callers without credentials even though no clients are
     * configured and the broker listens on a non-loopback address; anyone who can reach the
     * broker then gets every vendor's session
     * @param trustedProxies IP addresses or CIDR blocks of the proxies (ingress, load balancer)
     * whose X-Forwarded-For names the caller; empty by default: the caller is the TCP
     * peer, whatever headers it sends. Only proxies you run, never a whole pod network
     * @param jwt how the broker reaches the JWK set of the callers' JWT issuer
     */
    public record Security(@DefaultValue("false") boolean allowAnonymous, @DefaultValue List<String> trustedProxies,
            @DefaultValue Jwt jwt) {
    }

    /**
     * The connection to the JWK set (or issuer metadata) that JWT callers are checked
     * against; which issuer, audiences and URL are Spring Security's
     * spring.security.oauth2.resourceserver.jwt.*. Unused unless those are set.
     *
     * @param sslBundle the SSL bundle (spring.ssl.bundle.*) whose trust store verifies
     * the JWK set's server, e.g. the cluster CA for the Kubernetes API server; none: the JVM's
     * default trust store
     * @param bearerTokenFile a file whose content is sent as Authorization: Bearer when
     * fetching the JWK set, re-read on each fetch: the Kubernetes API server serves its JWK set
     * to authenticated service accounts only, so the broker sends its own (rotated) token
     * @param connectTimeout connect timeout of a JWK set fetch
     * @param readTimeout read timeout of a JWK set fetch; a fetch holds up the JWT callers
     * waiting for the keys
     */
    public record Jwt(@Nullable String sslBundle, @Nullable Path bearerTokenFile,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
    }

    /**
     * Proxy mode.
     *
     * @param maxReplayBody largest request body the broker keeps in memory so that it can
     * replay the call once after refreshing an expired session; a larger body is streamed and
     * not replayed
     * @param maxConcurrentPerVendor proxied calls in flight per vendor; beyond it callers get
     * 503 at once, so that one slow vendor cannot take every request thread
     */
    public record Proxy(@DefaultValue("1MB") DataSize maxReplayBody, @DefaultValue("50") int maxConcurrentPerVendor) {
    }

    /**
     * The Redis store, used with store: redis. The connection itself is Spring Boot's
     * spring.data.redis.* (host, port, password, SSL bundle, sentinel, cluster).
     *
     * @param keyPrefix prefix of every key and of the change channel, so that several brokers
     * can share one Redis
     * @param touchInterval how often at most a replica that keeps handing out a session
     * extends its idle deadline in Redis; uses in between are not propagated one by one
     */
    public record Redis(@DefaultValue("session-broker") String keyPrefix, @DefaultValue("5s") Duration touchInterval) {
    }

    /**
     * Credential rotation: vendor username, password and the credential keys of the vendor's type,
     * and clients.<name>.token-sha256, as read from config trees
     * (spring.config.import=configtree:…), are re-read while the broker runs.
     *
     * @param reloadInterval how often the config trees are read again; 0 turns reloading off
     * @param reloginOnChange drop a vendor's cached session when its credentials change, so
     * that the next request logs in with the new ones; by default the session stays, as it is
     * still valid at the vendor
     */
    public record Credentials(@DefaultValue("10s") Duration reloadInterval,
            @DefaultValue("false") boolean reloginOnChange) {
    }

    /**
     * Bounds on reading any request body, so that a caller who trickles one cannot hold a
     * request thread for long (the session API's and the proxy's bodies alike). A body may
     * take timeout, plus one second for each min-rate of it received, but never
     * more than max-time; beyond that the caller gets 408 and the connection is closed.
     *
     * @param timeout what every body gets, however small; also the longest a single read waits
     * for the next bytes (Tomcat's upload timeout)
     * @param minRate bytes per second that extend the allowance by one second each: a larger
     * body must keep arriving at least this fast on average
     * @param maxTime the total deadline: no body is read for longer, whatever its rate
     */
    public record RequestBody(@DefaultValue("10s") Duration timeout, @DefaultValue("8KB") DataSize minRate,
            @DefaultValue("60s") Duration maxTime) {

        public RequestBody {
            if (timeout.isNegative() || timeout.isZero() || minRate.toBytes() <= 0 || maxTime.compareTo(timeout) < 0) {
                throw new IllegalArgumentException("broker.request-body needs a positive timeout and min-rate, "
                        + "and a max-time no shorter than the timeout");
            }
        }
    }
}
