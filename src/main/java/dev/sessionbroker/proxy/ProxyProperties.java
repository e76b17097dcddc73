package dev.sessionbroker.proxy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Proxy mode settings.
 *
 * @param maxReplayBody largest request body the broker keeps in memory so that it can replay
 * the call once after refreshing an expired session; a larger body is streamed and not
 * replayed
 * @param maxConcurrentPerVendor proxied calls in flight per vendor; beyond it callers get
 * 503 at once, so that one slow vendor cannot take every request thread
 */
@ConfigurationProperties("broker.proxy")
public record ProxyProperties(@DefaultValue("1MB") DataSize maxReplayBody,
        @DefaultValue("50") int maxConcurrentPerVendor) {
}
