package dev.sessionbroker.security;

/**
 * Caller configuration the broker refuses to start with. Carries the full property key and
 * what to do, so that {@link InvalidClientConfigurationFailureAnalyzer} can tell the
 * operator which line to fix.
 */
public class InvalidClientConfigurationException extends RuntimeException {

    private final String key;

    private final String action;


    private InvalidClientConfigurationException(String message, String key, String action) {
        super(message);
        this.key = key;
        this.action = action;
    }

    /** A client entry that cannot work, naming the client and the key to fix. */
    static InvalidClientConfigurationException client(String client, String key, String problem) {
        return new InvalidClientConfigurationException("Client '" + client + "': " + key + " " + problem, key,
                "Fix " + key + " for client '" + client + "' in your configuration "
                        + "(application.yaml, environment variables or mounted secrets).");
    }

    /** The broker would listen on a non-loopback address with nobody to authenticate. */
    static InvalidClientConfigurationException anonymousOutsideLoopback(String address) {
        return new InvalidClientConfigurationException("The broker listens on " + address
                + " (not loopback) and broker.clients is empty: anyone who can reach it could take "
                + "every vendor's session.", "broker.clients",
                "Configure broker.clients (see docs/security.md), or listen on loopback only "
                        + "(server.address=127.0.0.1), or, if a network policy already restricts the "
                        + "callers, set broker.security.allow-anonymous=true explicitly.");
    }

    /** Boot's own forwarded-header handling, which trusts every private address. */
    static InvalidClientConfigurationException forwardedHeadersStrategy(String key, String strategy) {
        return new InvalidClientConfigurationException(key + "=" + strategy + " would let callers choose the "
                + "address the broker sees (native trusts X-Forwarded-For from every private address, "
                + "framework from anyone).", key,
                "Remove " + key + " (the broker sets none) and list the proxies whose X-Forwarded-For "
                        + "to believe in " + TrustedProxies.KEY + " (docs/security.md).");
    }

    /** An entry of broker.security.trusted-proxies that is not an address or block. */
    static InvalidClientConfigurationException trustedProxy(String key, String problem) {
        return new InvalidClientConfigurationException(key + " " + problem, key,
                "Fix " + key + ": an IP address (10.0.0.5) or CIDR block (10.42.0.0/16) of a proxy you run.");
    }

    /** JWTs checked without an audience: tokens meant for any other service would be accepted. */
    static InvalidClientConfigurationException jwtWithoutAudience(String key) {
        return new InvalidClientConfigurationException("JWT callers are on but " + key + " is empty: any token of "
                + "the issuer, whatever service it was meant for, would be accepted.", key,
                "Set " + key + " to the audience the callers' tokens are made for (session-broker; "
                        + "the audience of the projected service-account token, docs/security.md).");
    }

    public String key() {
        return this.key;
    }

    public String action() {
        return this.action;
    }
}
