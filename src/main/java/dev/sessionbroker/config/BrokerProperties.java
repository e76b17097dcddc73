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
 * The whole {@code broker.*} configuration as operators write it, with every default beside
 * its description. Values are raw here; the vendors' entries are validated and given their
 * type defaults by {@code vendor.Vendors}, the callers by {@code security.ClientDirectory}, so
 * that a bad entry stops start-up with a message naming the vendor or client and the key.
 *
 * @param vendors the vendors callers may ask for, by the name they use in
 * {@code /sessions/{vendor}} (lower-case letters, digits and '-')
 * @param store where sessions live: local (Caffeine only, the default) or redis (shared by
 * all replicas through Redis, configured with spring.data.redis.*)
 * @param clients the callers allowed to use the broker, by name (lower-case letters, digits
 * and '-'; the name appears in audit lines and metric tags). With none, the broker serves
 * anonymous callers, and only on loopback unless {@code broker.security.allow-anonymous}
 * @param security switches of the caller authentication itself
 * @param proxy proxy mode
 * @param redis the shared store, with {@code store: redis}
 * @param credentials re-reading rotated credentials without a restart
 * @param requestBody how long and how slowly a caller may send a request body
 */
// Unknown keys stop start-up (UnknownBrokerKeyFailureAnalyzer names them): a misspelt
// optional key (idle-timout, retry.max-attempt) would otherwise be ignored in silence.
@ConfigurationProperties(prefix = "broker", ignoreUnknownFields = false)
public record BrokerProperties(@DefaultValue Map<String, VendorProperties> vendors, @DefaultValue("local") Store store,
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
     * One vendor account.
     *
     * @param type the vendor type: alertsite, infiniteblue, revulytics, appviewx or generic
     * @param baseUrl prefix to which the login path is appended; defaults per type (appviewx
     * and generic have none: every installation has its own host)
     * @param username the login name sent to the vendor
     * @param password the password sent to the vendor; never logged or shown
     * @param idleTimeout how long a session may stay unused before the broker drops it;
     * defaults per type (AlertSite: 15m, as its sessions expire 15 minutes after last use)
     * @param maxLifetime optional absolute cap on how long one session is handed out
     * @param connectTimeout how long to wait for a TCP connection to the vendor
     * @param readTimeout how long to wait for the vendor's answer once connected
     * @param rejectionCooldown after a rejected login, how long the vendor is not contacted
     * (callers get 503 with Retry-After), so that a wrong password cannot lock the account
     * @param retry retries of transient login failures
     * @param customerId infiniteblue only: the {@code custId} header, the customer to log in to
     * when the login name alone does not determine it
     * @param adminFallback infiniteblue only: sends {@code adminFallback: true}, so that a tenant
     * with another authentication method still accepts the password
     * @param useCookies revulytics only: log in with {@code "useCookies": true} and take the
     * session from the {@code Set-Cookie} of the login answer (handed out as {@code name=value})
     * @param gatewaySource appviewx only: the {@code gwsource} query parameter of the login
     * @param gatewayKey appviewx only: the {@code gwkey} tenant key of multi-tenant installations,
     * sent as a query parameter on the login
     * @param sslBundle name of a {@code spring.ssl.bundle.*} used for this vendor's TLS, e.g. to
     * trust an on-prem installation's private CA; the JVM's default trust when not set
     * @param generic generic only: how to log in to a vendor without an adapter of its own
     * @param sessionExpiredStatuses proxy mode: body status codes (at the type's status field,
     * e.g. AlertSite {@code metadata.status}) that mean the session is no longer valid; "*"
     * means any status but the success value. Defaults per type (alertsite: "*"; others: none,
     * they answer 401)
     * @param sessionInjection proxy mode: how the session goes on a vendor call; defaults per
     * type as the vendors document it, required for generic vendors that are proxied
     * @param minLoginInterval two logins for this vendor are never closer than this, whatever
     * callers do (a refresh that comes sooner waits, then logs in once); 0 turns pacing off
     */
    public record VendorProperties(
            @Nullable String type,
            @Nullable String baseUrl,
            @Nullable String username,
            @Nullable Secret password,
            @Nullable Duration idleTimeout,
            @Nullable Duration maxLifetime,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("60s") Duration rejectionCooldown,
            @DefaultValue Retry retry,
            @Nullable String customerId,
            @DefaultValue("false") boolean adminFallback,
            @DefaultValue("false") boolean useCookies,
            @DefaultValue("external") String gatewaySource,
            @Nullable Secret gatewayKey,
            @Nullable String sslBundle,
            @Nullable Generic generic,
            @Nullable List<String> sessionExpiredStatuses,
            @Nullable SessionInjection sessionInjection,
            @DefaultValue("5s") Duration minLoginInterval) {
    }

    /**
     * Where a proxied call carries the session.
     *
     * @param in header, query, cookie, json (a field of the JSON body) or basic (HTTP Basic
     * with the vendor's username and the session as password)
     * @param name the header, parameter, cookie or field name (not used by basic)
     * @param prefix put before the session in a header, e.g. "Bearer "
     */
    public record SessionInjection(@Nullable Place in, @Nullable String name, @DefaultValue("") String prefix) {

        /** Where a proxied call carries the session. */
        public enum Place {

            HEADER, QUERY, COOKIE, JSON, BASIC

        }
    }

    /**
     * A login described in configuration rather than code ({@code type: generic}).
     *
     * @param method HTTP method of the login request
     * @param loginPath path appended to base-url, starting with '/'
     * @param usernameParam where the username goes
     * @param passwordParam where the password goes
     * @param sessionPointer JSON pointer to the session ID in the answer, e.g. /metadata/session
     * @param sessionCookie name of the cookie carrying the session ID, instead of
     * session-pointer
     * @param successStatus HTTP status a successful login answers with; any 2xx when not set
     * @param successPointer JSON pointer to a field that tells success, compared with
     * success-value
     * @param successValue value of the success-pointer field on success, e.g. "0"
     * @param errorStatusPointer JSON pointer to the vendor's status code in a refusal
     * @param errorMessagePointer JSON pointer to the vendor's message in a refusal
     */
    public record Generic(
            @DefaultValue("POST") String method,
            @Nullable String loginPath,
            @DefaultValue Param usernameParam,
            @DefaultValue Param passwordParam,
            @Nullable String sessionPointer,
            @Nullable String sessionCookie,
            @Nullable Integer successStatus,
            @Nullable String successPointer,
            @Nullable String successValue,
            @Nullable String errorStatusPointer,
            @Nullable String errorMessagePointer) {
    }

    /**
     * Where one credential goes in a generic login request.
     *
     * @param in json (a field of a JSON body), form (a field of a form body), header, or
     * query (a URL parameter; avoid: URLs end up in access logs)
     * @param name the field, header or parameter name
     */
    public record Param(@Nullable String in, @Nullable String name) {
    }

    /**
     * Retries of transient login failures (connection errors, timeouts, 5xx, 429): exponential
     * back-off with jitter, honouring the vendor's Retry-After. Rejected logins are never retried.
     *
     * @param maxAttempts attempts in all, the first included
     * @param initialBackoff wait before the second attempt; doubles for each further one
     * @param maxBackoff longest single wait
     * @param maxTotal bound on the time one login may take with all its attempts and waits
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("30s") Duration maxTotal) {
    }

    /**
     * One caller.
     *
     * @param tokenSha256 hex SHA-256 of the client's bearer token ({@code echo -n "$TOKEN" |
     * sha256sum}); the token itself is never configured. Up to two, comma-separated or as a
     * list, so that a rotation is: add the new token's digest, move the caller to the new
     * token, remove the old digest. Optional for clients that authenticate with a client
     * certificate or a JWT only. Deleting it while the broker runs (a rotated config tree)
     * revokes the client's tokens at once
     * @param subject the {@code sub} claim of the JWTs this client presents, e.g. a pod's
     * projected service-account token: {@code system:serviceaccount:<namespace>:<service-account>}.
     * Needs {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} or {@code issuer-uri}
     * @param vendors the vendors this client may take sessions of and proxy to, or "*" for
     * every configured vendor
     * @param admin whether the client may also refresh and delete sessions of any vendor and
     * read health details, metrics, prometheus, env and configprops
     * @param oneTimePassword whether the client may refresh with a one-time password (an
     * AppViewX login with MFA), which costs a login attempt towards the account's lockout;
     * admin clients always may
     */
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
     * The Redis store, used with {@code store: redis}. The connection itself is Spring Boot's
     * {@code spring.data.redis.*} (host, port, password, SSL bundle, sentinel, cluster).
     *
     * @param keyPrefix prefix of every key and of the change channel, so that several brokers
     * can share one Redis
     * @param touchInterval how often at most a replica that keeps handing out a session
     * extends its idle deadline in Redis; uses in between are not propagated one by one
     */
    public record Redis(@DefaultValue("session-broker") String keyPrefix, @DefaultValue("5s") Duration touchInterval) {
    }

    /**
     * Credential rotation: vendor {@code username}, {@code password} and {@code gateway-key},
     * and {@code clients.<name>.token-sha256}, as read from config trees
     * ({@code spring.config.import=configtree:…}), are re-read while the broker runs.
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
     * take {@code timeout}, plus one second for each {@code min-rate} of it received, but never
     * more than {@code max-time}; beyond that the caller gets 408 and the connection is closed.
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
