package dev.sessionbroker.vendor;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.vendor.alertsite.AlertSiteClient;
import dev.sessionbroker.vendor.appviewx.AppViewXClient;
import dev.sessionbroker.vendor.generic.GenericClient;
import dev.sessionbroker.vendor.infiniteblue.InfiniteBlueClient;
import dev.sessionbroker.vendor.revulytics.RevulyticsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the adapter for a configured vendor: the one place that maps a type to its class.
 */
@Component
public class VendorClients {

    private final RestClient.Builder restClientBuilder;

    private final JsonMapper jsonMapper;

    private final SslBundles sslBundles;

    public VendorClients(RestClient.Builder restClientBuilder, JsonMapper jsonMapper, SslBundles sslBundles) {
        this.restClientBuilder = restClientBuilder;
        this.jsonMapper = jsonMapper;
        this.sslBundles = sslBundles;
    }

    /** @throws InvalidVendorConfigurationException when {@code ssl-bundle} names no bundle */
    public VendorClient create(VendorSettings vendor) {
        VendorHttp http = new VendorHttp(vendor, this.restClientBuilder, this.jsonMapper, sslBundle(vendor));
        return switch (vendor.type()) {
            case ALERTSITE -> new AlertSiteClient(vendor, http);
            case INFINITEBLUE -> new InfiniteBlueClient(vendor, http);
            case REVULYTICS -> new RevulyticsClient(vendor, http);
            case APPVIEWX -> new AppViewXClient(vendor, http);
            case GENERIC -> new GenericClient(vendor, http);
        };
    }

    /** Resolved here, at start-up, because bundles live in the context and settings do not. */
    private @Nullable SslBundle sslBundle(VendorSettings vendor) {
        String name = vendor.sslBundle();
        if (name == null) {
            return null;
        }
        try {
            return this.sslBundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new InvalidVendorConfigurationException(vendor.name(),
                    "broker.vendors." + vendor.name() + ".ssl-bundle", "'" + name
                            + "' is not a configured SSL bundle (define it under spring.ssl.bundle.pem." + name
                            + " or spring.ssl.bundle.jks." + name + ")");
        }
    }
}
