package dev.sessionbroker.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sessionbroker.vendor.Vendors;
import dev.sessionbroker.vendor.VendorClient;
import dev.sessionbroker.vendor.VendorClients;

/**
 * One adapter per configured vendor, built once and shared by logins and the shutdown
 * logout: each holds an HTTP client with its own connection pool, so building them twice
 * would double the broker's footprint per vendor.
 */
final class LoginClients {

    private final Map<String, VendorClient> byName;

    LoginClients(Vendors vendors, VendorClients factory) {
        Map<String, VendorClient> clients = new LinkedHashMap<>();
        vendors.all().forEach((vendor) -> clients.put(vendor.name(), factory.create(vendor)));
        this.byName = Collections.unmodifiableMap(clients);
    }

    Map<String, VendorClient> byName() {
        return this.byName;
    }
}
