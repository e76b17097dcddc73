package dev.sessionbroker.adapter.generic;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.sessionbroker.adapter.BodyStatusRule;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.VendorAdapter;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorDefinition;
import dev.sessionbroker.adapter.VendorHttp;
import dev.sessionbroker.adapter.VendorSettings;

/**
 * A vendor described in configuration ({@code type: generic}): each configured vendor's
 * adapter is made from its {@code generic} block. Nothing is known about such a vendor, so
 * the shorter idle default, no default base URL, and no session placement unless
 * {@code session-injection} gives one.
 */
@Component
public final class GenericVendor implements VendorDefinition<GenericOptions> {

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
    public Class<GenericOptions> optionsType() {
        return GenericOptions.class;
    }

    @Override
    public GenericAdapter configure(String name, String prefix, GenericOptions options) {
        return new GenericAdapter(GenericLogin.from(name, prefix, options));
    }

    /** One generic vendor: its declarative login, which also tells a dead session in a proxied answer. */
    public record GenericAdapter(GenericLogin login) implements VendorAdapter {

        @Override
        public VendorClient client(VendorSettings vendor, VendorHttp http) {
            return new GenericClient(vendor, this.login, http);
        }

        @Override
        public List<SessionPlacement> sessionPlacement(VendorSettings vendor) {
            return List.of();
        }

        @Override
        public @Nullable BodyStatusRule bodyStatus() {
            if (this.login.successPointer() == null || this.login.successValue() == null) {
                return null;
            }
            return new BodyStatusRule(this.login.successPointer(), this.login.successValue(), Set.of());
        }
    }
}
