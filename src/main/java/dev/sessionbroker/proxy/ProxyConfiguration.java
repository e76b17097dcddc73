package dev.sessionbroker.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

import dev.sessionbroker.broker.BrokerListener;
import dev.sessionbroker.broker.CompositeBrokerListener;
import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.config.GenericLogin;
import dev.sessionbroker.config.VendorSettings;
import dev.sessionbroker.config.VendorSettings.Injection;
import dev.sessionbroker.config.Vendors;
import dev.sessionbroker.vendor.VendorClients;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires proxy mode, with each vendor type's documented way of carrying the session (README,
 * "Proxy mode") unless {@code session-injection} overrides it.
 */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    VendorProxy vendorProxy(Vendors vendors, VendorClients clients, SessionBroker broker, ProxyProperties properties,
            JsonMapper jsonMapper, ObjectProvider<BrokerListener> listeners, Ticker ticker) {
        Map<String, ProxiedVendor> proxied = new LinkedHashMap<>();
        long bufferLimit = properties.maxReplayBody().toBytes();
        for (VendorSettings vendor : vendors.all()) {
            proxied.put(vendor.name(), new ProxiedVendor(vendor,
                    SingletonSupplier.of(() -> clients.requestFactory(vendor, properties.maxConcurrentPerVendor())),
                    injection(vendor, jsonMapper), detector(vendor, jsonMapper, bufferLimit),
                    new Semaphore(properties.maxConcurrentPerVendor())));
        }
        return new VendorProxy(proxied, broker, new CompositeBrokerListener(listeners.orderedStream().toList()),
                bufferLimit, ticker);
    }

    private static @Nullable SessionInjection injection(VendorSettings vendor, JsonMapper jsonMapper) {
        Injection configured = vendor.proxy().injection();
        if (configured != null) {
            return switch (configured.in()) {
                case "header" -> new HeaderInjection(configured.name(), configured.prefix());
                case "query" -> new QueryParameterInjection(configured.name());
                case "cookie" -> new CookieInjection(configured.name());
                case "json" -> new JsonBodyFieldInjection(configured.name(), Map.of(), jsonMapper);
                default -> new BasicAuthInjection(vendor.username());
            };
        }
        return switch (vendor.type()) {
            case ALERTSITE -> new BasicAuthInjection(vendor.username());
            case INFINITEBLUE -> new QueryParameterInjection("sessionId");
            case REVULYTICS -> vendor.options().useCookies() ? new CookieInjection(null)
                    : new JsonBodyFieldInjection("sessionId", Map.of("user", vendor.username()), jsonMapper);
            case APPVIEWX -> (vendor.options().gatewayKey() != null)
                    ? new ChainedInjection(List.of(new HeaderInjection("sessionId", ""),
                            new FixedQueryParameter("gwkey", vendor.options().gatewayKey())))
                    : new HeaderInjection("sessionId", "");
            case GENERIC -> null;
        };
    }

    private static ExpiredSessionDetector detector(VendorSettings vendor, JsonMapper jsonMapper, long bufferLimit) {
        String pointer = null;
        String success = "";
        Set<String> defaults = Set.of();
        switch (vendor.type()) {
            case ALERTSITE -> {
                // AlertSite reports errors inside a 200: metadata.status other than "0".
                pointer = "/metadata/status";
                success = "0";
                defaults = Set.of(ExpiredSessionDetector.ANY_FAILURE);
            }
            case GENERIC -> {
                GenericLogin login = vendor.generic();
                if (login != null && login.successPointer() != null) {
                    pointer = login.successPointer().toString();
                    success = (login.successValue() != null) ? login.successValue() : "";
                }
            }
            default -> {
            }
        }
        Set<String> configured = vendor.proxy().sessionExpiredStatuses();
        return new ExpiredSessionDetector(pointer, success, (configured != null) ? configured : defaults, jsonMapper,
                bufferLimit);
    }
}
