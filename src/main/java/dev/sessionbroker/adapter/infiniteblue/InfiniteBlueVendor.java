package dev.sessionbroker.adapter.infiniteblue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.sessionbroker.adapter.VendorAdapter;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.StandardAdapter;
import dev.sessionbroker.adapter.VendorDefinition;

/**
 * Infinite Blue (src/test/resources/vendor-docs/infiniteblue/). Its sessions expire by the customer's
 * security level, a number the docs do not give: 10 minutes stays under the shortest common
 * idle limits, and a session the vendor drops earlier is replaced by a refresh. A login ends
 * every earlier session of the same user. API calls take the {@code sessionId} parameter.
 */
@Component
public final class InfiniteBlueVendor implements VendorDefinition<InfiniteBlueOptions> {

    @Override
    public String id() {
        return "infiniteblue";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://app.infiniteblue.com/rest/api");
    }

    @Override
    public Duration defaultIdleTimeout() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Class<InfiniteBlueOptions> optionsType() {
        return InfiniteBlueOptions.class;
    }

    @Override
    public VendorAdapter configure(String name, String prefix, InfiniteBlueOptions options) {
        return new StandardAdapter(InfiniteBlueClient::new,
                (vendor) -> List.of(new SessionPlacement.QueryParameter("sessionId")))
            .endingEarlierSessions();
    }
}
