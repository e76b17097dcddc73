package dev.sessionbroker.client.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a caller reaches the broker ({@code session-broker.*}). The timeouts' defaults cover the
 * broker's longest legitimate answers (docs/callers.md, "Timeouts").
 */
@ConfigurationProperties("session-broker")
public class SessionBrokerProperties {

    /** The broker's base URL, e.g. http://session-broker:8080. The client is configured only when it is set. */
    private @Nullable URI url;

    /**
     * File holding the bearer token sent to the broker (a projected service-account token or
     * a mounted Secret); read again when its modification time changes. None: no
     * Authorization header (a broker without clients, on loopback).
     */
    private @Nullable Path tokenFile;

    /** Least time between two looks at the token file's modification time. */
    private Duration tokenCheckInterval = Duration.ofSeconds(5);

    /** Time to open a connection to the broker. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * Time to wait for the broker's answer. Longer than the broker's own limit on a caller
     * waiting for a slow vendor login (spring.mvc.async.request-timeout, 2 min), so that the
     * caller gets the broker's 503 problem rather than a timeout of its own; a paced refresh
     * (up to min-login-interval, 5 s, plus the login) is well within it.
     */
    private Duration readTimeout = Duration.ofSeconds(130);

    /** How long before a session's expiresAt it is asked for anew rather than used from the local cache. */
    private Duration expiryMargin = Duration.ofSeconds(30);

    /** Vendor statuses meaning "session rejected": refresh naming the session, retry the call once. */
    private Set<Integer> rejectedStatuses = new LinkedHashSet<>(Set.of(401));

    public @Nullable URI getUrl() {
        return this.url;
    }

    public void setUrl(@Nullable URI url) {
        this.url = url;
    }

    public @Nullable Path getTokenFile() {
        return this.tokenFile;
    }

    public void setTokenFile(@Nullable Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    public Duration getTokenCheckInterval() {
        return this.tokenCheckInterval;
    }

    public void setTokenCheckInterval(Duration tokenCheckInterval) {
        this.tokenCheckInterval = tokenCheckInterval;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return this.readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getExpiryMargin() {
        return this.expiryMargin;
    }

    public void setExpiryMargin(Duration expiryMargin) {
        this.expiryMargin = expiryMargin;
    }

    public Set<Integer> getRejectedStatuses() {
        return this.rejectedStatuses;
    }

    public void setRejectedStatuses(Set<Integer> rejectedStatuses) {
        this.rejectedStatuses = rejectedStatuses;
    }
}
