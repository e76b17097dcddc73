package dev.sessionbroker.vendor;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.vendor.alertsite.AlertSiteClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the adapter for a configured vendor: the one place that maps a type to its class.
 */
@Component
public class VendorClients {

    private final RestClient.Builder restClientBuilder;

    private final JsonMapper jsonMapper;

    public VendorClients(RestClient.Builder restClientBuilder, JsonMapper jsonMapper) {
        this.restClientBuilder = restClientBuilder;
        this.jsonMapper = jsonMapper;
    }

    public VendorClient create(VendorSettings vendor) {
        VendorHttp http = new VendorHttp(vendor, this.restClientBuilder, this.jsonMapper);
        return switch (vendor.type()) {
            case ALERTSITE -> new AlertSiteClient(vendor, http);
        };
    }
}
