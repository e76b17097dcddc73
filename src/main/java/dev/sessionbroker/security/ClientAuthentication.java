package dev.sessionbroker.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A caller proven by its bearer token (or the anonymous caller while no clients exist). */
final class ClientAuthentication extends AbstractAuthenticationToken {

    private final BrokerClient client;

    ClientAuthentication(BrokerClient client) {
        super(client.getAuthorities());
        this.client = client;
        setAuthenticated(true);
    }

    @Override
    public BrokerClient getPrincipal() {
        return this.client;
    }

    /** The token is not kept once it has been checked. */
    @Override
    public @Nullable Object getCredentials() {
        return null;
    }
}
