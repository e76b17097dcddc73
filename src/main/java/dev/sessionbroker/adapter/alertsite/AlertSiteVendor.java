package dev.sessionbroker.adapter.alertsite;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.sessionbroker.adapter.NoOptions;
import dev.sessionbroker.adapter.VendorAdapter;
import dev.sessionbroker.adapter.BodyStatusRule;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.StandardAdapter;
import dev.sessionbroker.adapter.VendorDefinition;
import tools.jackson.core.JsonPointer;

/**
 * AlertSite (src/test/resources/vendor-docs/alertsite/): "A session ID automatically expires 15 minutes
 * after its last use". API calls take HTTP Basic with the login as user name and the session
 * as password, and report errors, an expired session included, as a non-zero
 * {@code metadata.status} inside a 200 answer.
 */
@Component
public final class AlertSiteVendor implements VendorDefinition<NoOptions> {

    private static final BodyStatusRule METADATA_STATUS = new BodyStatusRule(JsonPointer.compile("/metadata/status"),
            "0", Set.of(BodyStatusRule.ANY_FAILURE));

    @Override
    public String id() {
        return "alertsite";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://www.alertsite.com/alertsite-restapi");
    }

    @Override
    public Duration defaultIdleTimeout() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Class<NoOptions> optionsType() {
        return NoOptions.class;
    }

    @Override
    public VendorAdapter configure(String name, String prefix, NoOptions options) {
        return new StandardAdapter(AlertSiteClient::new,
                (vendor) -> List.of(new SessionPlacement.BasicAuth(vendor.username())))
            .withBodyStatus(METADATA_STATUS);
    }
}
