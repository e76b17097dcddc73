package dev.sessionbroker.web;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.security.ClientDirectory;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;

/**
 * One INFO line once the API listens: which vendors, which store, how many clients and where.
 * An operator reading the first lines of a pod's log knows what this broker serves without
 * reading its configuration (names and counts only, never a credential).
 */
@Component
class StartupSummary {

    private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

    private final Vendors vendors;

    private final BrokerProperties properties;

    private final ClientDirectory clients;

    private final Environment environment;

    StartupSummary(Vendors vendors, BrokerProperties properties, ClientDirectory clients, Environment environment) {
        this.vendors = vendors;
        this.properties = properties;
        this.clients = clients;
        this.environment = environment;
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        // The actuator's own server (management.server.port) starts with a namespace.
        if (event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        List<String> names = this.vendors.all().stream().map(VendorSettings::name).sorted().toList();
        String address = this.environment.getProperty("server.address", "").trim();
        log.info("session-broker ready vendors={} store={} clients={}{} address={}:{}", names,
                this.properties.store().name().toLowerCase(Locale.ROOT), this.clients.names().size(),
                this.clients.isEmpty() ? " (anonymous callers)" : "", address.isEmpty() ? "*" : address,
                event.getWebServer().getPort());
    }
}
