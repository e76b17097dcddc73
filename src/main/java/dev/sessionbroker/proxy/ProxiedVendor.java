package dev.sessionbroker.proxy;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.springframework.http.client.ClientHttpRequestFactory;

import dev.sessionbroker.adapter.VendorSettings;

/**
 * Everything the proxy needs for one vendor, built once at start-up.
 *
 * @param settings the vendor
 * @param requestFactory its HTTP client (timeouts, SSL bundle, pool), built on the first
 * proxied call: most vendors are never proxied, and each client holds a connection pool
 * @param detector how the vendor says a session is no longer valid
 * @param inFlight the bulkhead: permits for concurrent proxied calls
 */
record ProxiedVendor(VendorSettings settings, Supplier<ClientHttpRequestFactory> requestFactory,
        ExpiredSessionDetector detector, Semaphore inFlight) {
}
