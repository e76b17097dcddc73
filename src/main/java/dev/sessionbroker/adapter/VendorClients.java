package dev.sessionbroker.adapter;

import java.io.IOException;
import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.sessionbroker.config.InvalidVendorConfigurationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the adapter for a configured vendor, with the HTTP client its type's definition
 * needs: timeouts, SSL bundle, no redirects, no automatic retries.
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
        VendorHttp http = new VendorHttp(vendor, this.restClientBuilder, this.jsonMapper, loginRequestFactory(vendor));
        return vendor.adapter().client(vendor, http);
    }

    /**
     * An HTTP client for one vendor: its timeouts and SSL bundle, no redirects followed (a
     * login must never be re-posted elsewhere with the credentials on it, and the proxy
     * must see a redirect to the login page as such), no automatic retries — HttpClient
     * would otherwise re-send a login on 503/429 by itself, while the broker alone decides
     * about retries because a repeated login can lock the account — and no transparent
     * decompression: the proxy hands a vendor's answer on byte for byte.
     * @param maxConnections pooled connections to the vendor
     */
    public ClientHttpRequestFactory requestFactory(VendorSettings vendor, int maxConnections) {
        return requestFactory(vendor, maxConnections, true);
    }

    /**
     * For logins and logouts: one at a time per vendor (single-flight) and minutes apart, so
     * no connection is kept alive in between — with many vendors those idle sockets and their
     * buffers would be most of the broker's footprint. Bodies are buffered so that they go
     * out with a {@code Content-Length}: RestClient streams a JSON body chunked, and strict
     * vendor APIs and gateways answer that with 411 or read it as empty — a correct password
     * reported as wrong, and a cool-down.
     */
    private ClientHttpRequestFactory loginRequestFactory(VendorSettings vendor) {
        return new BufferingClientHttpRequestFactory(requestFactory(vendor, 2, false));
    }

    /**
     * With an SSL bundle, a factory that follows the bundle: when Spring Boot reloads it
     * ({@code reload-on-update}, a rotated CA or certificate), the next request uses a client
     * built on the new one.
     */
    private ClientHttpRequestFactory requestFactory(VendorSettings vendor, int maxConnections, boolean keepAlive) {
        SslBundle sslBundle = sslBundle(vendor);
        String bundleName = vendor.sslBundle();
        if (sslBundle == null || bundleName == null) {
            return requestFactory(vendor, null, maxConnections, keepAlive);
        }
        FollowingBundle following = new FollowingBundle(requestFactory(vendor, sslBundle, maxConnections, keepAlive));
        this.sslBundles.addBundleUpdateHandler(bundleName,
                (updated) -> following.current = requestFactory(vendor, updated, maxConnections, keepAlive));
        return following;
    }

    /** Creates requests with the client built on the bundle's latest version. */
    private static final class FollowingBundle implements ClientHttpRequestFactory {

        volatile ClientHttpRequestFactory current;

        FollowingBundle(ClientHttpRequestFactory current) {
            this.current = current;
        }

        @Override
        public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
            return this.current.createRequest(uri, method);
        }
    }

    private ClientHttpRequestFactory requestFactory(VendorSettings vendor, @Nullable SslBundle sslBundle,
            int maxConnections, boolean keepAlive) {
        HttpClientSettings settings = HttpClientSettings.defaults()
            .withConnectTimeout(vendor.connectTimeout())
            .withReadTimeout(vendor.readTimeout())
            .withRedirects(HttpRedirects.DONT_FOLLOW);
        if (sslBundle != null) {
            // On-prem vendors (AppViewX) often sit behind a private CA: trust it for this vendor only.
            settings = settings.withSslBundle(sslBundle);
        }
        return ClientHttpRequestFactoryBuilder.httpComponents()
            .withHttpClientCustomizer((client) -> {
                client.disableAutomaticRetries();
                // HttpClient would otherwise add its own Accept-Encoding and inflate the answer,
                // dropping Content-Encoding: the proxy relays a vendor's bytes as sent (a 1 MiB
                // gzip answer inflated to 1 GiB cost the broker 21 s of CPU), and a login
                // answer is read only up to 64 KiB, so nothing here needs it decoded.
                client.disableContentCompression();
                if (!keepAlive) {
                    client.setConnectionReuseStrategy((request, response, context) -> false);
                }
            })
            .withConnectionManagerCustomizer(
                    (pool) -> pool.setMaxConnPerRoute(maxConnections).setMaxConnTotal(maxConnections))
            .build(settings);
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
