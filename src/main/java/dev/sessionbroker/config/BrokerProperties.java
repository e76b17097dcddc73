package dev.sessionbroker.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code broker.*} configuration as written by operators. Values are raw here; type
 * defaults and validation are applied by {@link VendorSettingsResolver} so that a bad entry
 * stops start-up with a message naming the vendor and the key.
 *
 * @param vendors the vendors callers may ask for, by the name they use in
 * {@code /sessions/{vendor}} (lower-case letters, digits and '-')
 */
@ConfigurationProperties("broker")
public record BrokerProperties(@DefaultValue Map<String, VendorProperties> vendors) {

    public BrokerProperties {
        // Sorted so that listings and start-up logs are stable.
        vendors = new TreeMap<>(vendors);
    }

    /**
     * One vendor account.
     *
     * @param type the vendor type: alertsite
     * @param baseUrl prefix to which the login path is appended; defaults per type
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
            @DefaultValue Retry retry) {
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
