package dev.sessionbroker.security;

import java.util.ArrayList;
import java.util.List;

import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;

import dev.sessionbroker.config.BrokerProperties;

/**
 * Whose {@code X-Forwarded-For} the broker believes: only the proxies listed in
 * {@code broker.security.trusted-proxies}, none by default. Spring Boot's own handling
 * ({@code server.forward-headers-strategy}) is off ({@code none} in application.yaml): left
 * unset, Boot turns it on by itself on Kubernetes and Tomcat then believes any peer in
 * 10/8, 172.16/12, 192.168/16 or 127/8 — any pod, so any caller could pick the address the
 * auth-failure back-off and the audit see. With proxies listed, Tomcat's {@link RemoteIpValve}
 * takes the client's address from what those peers forwarded, and from nobody else.
 */
final class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String KEY = "broker.security.trusted-proxies";

    private static final String STRATEGY = "server.forward-headers-strategy";

    /** As CIDR blocks, which Tomcat matches exactly (a plain list would be read as a regex). */
    private final List<String> blocks;

    private TrustedProxies(List<String> blocks) {
        this.blocks = blocks;
    }

    /** @throws InvalidClientConfigurationException for an entry that is not an IP address or block, or Boot's own forwarding turned on */
    static TrustedProxies from(BrokerProperties properties, Environment environment) {
        String strategy = environment.getProperty(STRATEGY, "none").trim();
        if (!strategy.equalsIgnoreCase("none")) {
            throw InvalidClientConfigurationException.forwardedHeadersStrategy(STRATEGY, strategy);
        }
        List<String> blocks = new ArrayList<>();
        List<String> entries = properties.security().trustedProxies();
        for (int i = 0; i < entries.size(); i++) {
            blocks.add(block(KEY + "[" + i + "]", entries.get(i).trim()));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    List<String> blocks() {
        return this.blocks;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (this.blocks.isEmpty()) {
            return;
        }
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies(String.join(",", this.blocks));
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        factory.addEngineValves(valve);
    }

    /** An address (a block of one) or a CIDR block, parsed without any name lookup. */
    private static String block(String key, String entry) {
        int slash = entry.indexOf('/');
        String address = (slash >= 0) ? entry.substring(0, slash) : entry;
        if (address.isEmpty() || !address.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            throw InvalidClientConfigurationException.trustedProxy(key, "is not an IP address or CIDR block "
                    + "(host names are not accepted: a proxy is trusted by its address)");
        }
        String block = (slash >= 0) ? entry : entry + (address.contains(":") ? "/128" : "/32");
        try {
            new NetMask(block);
        }
        catch (IllegalArgumentException ex) {
            throw InvalidClientConfigurationException.trustedProxy(key, "is not an IP address or CIDR block: "
                    + ex.getMessage());
        }
        return block;
    }
}
