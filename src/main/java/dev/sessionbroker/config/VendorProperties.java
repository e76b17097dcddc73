package dev.sessionbroker.config;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys every vendor entry has, whatever its type: broker.vendors.<name>.*. A
 * type's own settings are not here: they are the block named after the type
 * (broker.vendors.<name>.<type>.*), which the type's package declares and validates.
 * Bound per vendor by adapter.Vendors, which refuses any key neither here nor in the
 * vendor's own type block. The annotation's * stands for the vendor's name: it is
 * what the configuration processor writes into the IDE metadata, and this class is never
 * bound as a bean of its own.
 *
 * @param type the vendor type: alertsite, infiniteblue, revulytics, appviewx or generic
 * @param baseUrl prefix to which the login path is appended; defaults per type (appviewx
 * and generic have none: every installation has its own host)
 * @param username the login name sent to the vendor; required unless the type logs in
 * otherwise (an AppViewX service account)
 * @param password the password sent to the vendor; never logged or shown. Required unless the
 * type logs in otherwise (an AppViewX service account)
 * @param idleTimeout how long a session may stay unused before the broker drops it;
 * defaults per type (AlertSite: 15m, as its sessions expire 15 minutes after last use)
 * @param maxLifetime optional absolute cap on how long one session is handed out
 * @param connectTimeout how long to wait for a TCP connection to the vendor
 * @param readTimeout how long to wait for the vendor's answer once connected
 * @param rejectionCooldown after a rejected login, how long the vendor is not contacted
 * (callers get 503 with Retry-After), so that a wrong password cannot lock the account
 * @param retry retries of transient login failures
 * @param sslBundle name of a spring.ssl.bundle.* used for this vendor's TLS, e.g. to
 * trust an on-prem installation's private CA; the JVM's default trust when not set
 * @param sessionExpiredStatuses proxy mode: body status codes (at the type's status field,
 * e.g. AlertSite metadata.status) that mean the session is no longer valid; "*"
 * means any status but the success value. Defaults per type (alertsite: "*"; others: none,
 * they answer 401)
 * @param sessionInjection proxy mode: how the session goes on a vendor call; defaults per
 * type as the vendors document it, required for generic vendors that are proxied
 * @param minLoginInterval two logins for this vendor are never closer than this, whatever
 * callers do (a refresh that comes sooner waits, then logs in once); 0 turns pacing off
 */
@ConfigurationProperties("broker.vendors.*")
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
        @Nullable String sslBundle,
        @Nullable List<String> sessionExpiredStatuses,
        @Nullable SessionInjection sessionInjection,
        @DefaultValue("5s") Duration minLoginInterval) {

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
}
