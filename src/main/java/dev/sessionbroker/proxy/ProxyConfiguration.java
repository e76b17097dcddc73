package dev.sessionbroker.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.adapter.BodyStatusRule;
import dev.sessionbroker.adapter.VendorClients;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires proxy mode, with each vendor type's documented way of carrying the session (its
 * definition's {@code sessionPlacement}) unless {@code session-injection} overrides it.
 */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    VendorProxy vendorProxy(Vendors vendors, VendorClients clients, SessionBroker broker, BrokerProperties properties,
            JsonMapper jsonMapper, ApplicationEventPublisher events, Ticker ticker) {
        Map<String, ProxiedVendor> proxied = new LinkedHashMap<>();
        long bufferLimit = properties.proxy().maxReplayBody().toBytes();
        for (VendorSettings vendor : vendors.all()) {
            proxied.put(vendor.name(), new ProxiedVendor(vendor,
                    SingletonSupplier.of(() -> clients.requestFactory(vendor, properties.proxy().maxConcurrentPerVendor())),
                    detector(vendor, jsonMapper, bufferLimit),
                    new Semaphore(properties.proxy().maxConcurrentPerVendor())));
        }
        return new VendorProxy(proxied, broker, events, bufferLimit, ticker, jsonMapper);
    }

    private static ExpiredSessionDetector detector(VendorSettings vendor, JsonMapper jsonMapper, long bufferLimit) {
        BodyStatusRule rule = vendor.adapter().bodyStatus();
        Set<String> configured = vendor.proxy().sessionExpiredStatuses();
        Set<String> expired = (configured != null) ? configured
                : (rule != null) ? rule.defaultExpiredStatuses() : Set.of();
        return new ExpiredSessionDetector(rule, expired, jsonMapper, bufferLimit);
    }
}
