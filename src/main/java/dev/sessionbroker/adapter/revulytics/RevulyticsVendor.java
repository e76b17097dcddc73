package dev.sessionbroker.adapter.revulytics;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.sessionbroker.adapter.VendorAdapter;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.StandardAdapter;
import dev.sessionbroker.adapter.VendorDefinition;

/**
 * Revulytics (src/test/resources/vendor-docs/revulytics/). The docs name no session lifetime: 10
 * minutes, refreshed on a 401. Every API request body carries {@code user} (the login user)
 * beside {@code sessionId}, as the public API clients send them; with {@code revulytics.use-cookies}
 * the session cookie alone.
 */
@Component
public final class RevulyticsVendor implements VendorDefinition<RevulyticsOptions> {

    @Override
    public String id() {
        return "revulytics";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://api.revulytics.com");
    }

    @Override
    public Duration defaultIdleTimeout() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Class<RevulyticsOptions> optionsType() {
        return RevulyticsOptions.class;
    }

    @Override
    public VendorAdapter configure(String name, String prefix, RevulyticsOptions options) {
        return new StandardAdapter(RevulyticsClient::new,
                (vendor) -> options.useCookies() ? List.of(new SessionPlacement.Cookie(null))
                        : List.of(new SessionPlacement.JsonBodyFields("sessionId", Map.of("user", vendor.username()))));
    }
}
