package dev.sessionbroker.adapter.generic;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.BodyStatusRule;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorDefinition;
import dev.sessionbroker.adapter.VendorHttp;

/**
 * A vendor described in configuration ({@code type: generic}): each configured vendor gets
 * a definition of its own, built from its {@code generic} block. Nothing is known about such
 * a vendor, so the shorter idle default, no default base URL, and no session placement
 * unless {@code session-injection} gives one.
 */
@Component
public final class GenericVendor implements VendorDefinition {

    private final @Nullable GenericLogin login;

    /** The registered type, before a vendor's {@code generic} block is applied. */
    public GenericVendor() {
        this(null);
    }

    private GenericVendor(@Nullable GenericLogin login) {
        this.login = login;
    }

    @Override
    public String id() {
        return "generic";
    }

    @Override
    public @Nullable URI defaultBaseUrl() {
        return null;
    }

    @Override
    public Duration defaultIdleTimeout() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Set<String> ownKeys() {
        return Set.of("generic");
    }

    @Override
    public VendorDefinition configure(String name, String prefix, VendorProperties properties) {
        if (properties.generic() == null) {
            throw new InvalidVendorConfigurationException(name, prefix + "generic",
                    "is required for type generic: login-path, username-param, password-param and "
                            + "session-pointer or session-cookie");
        }
        return new GenericVendor(GenericLogin.from(name, prefix + "generic.", properties.generic()));
    }

    @Override
    public VendorClient client(VendorSettings vendor, VendorHttp http) {
        return new GenericClient(vendor, login(), http);
    }

    @Override
    public List<SessionPlacement> sessionPlacement(VendorSettings vendor) {
        return List.of();
    }

    /** The login's success condition also tells a dead session in a proxied answer. */
    @Override
    public @Nullable BodyStatusRule bodyStatus() {
        GenericLogin login = login();
        if (login.successPointer() == null || login.successValue() == null) {
            return null;
        }
        return new BodyStatusRule(login.successPointer(), login.successValue(), Set.of());
    }

    public GenericLogin login() {
        if (this.login == null) {
            throw new IllegalStateException("A generic vendor is defined by its generic block; configure() first");
        }
        return this.login;
    }
}
