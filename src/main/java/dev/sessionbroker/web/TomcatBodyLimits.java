package dev.sessionbroker.web;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.util.unit.DataSize;

import dev.sessionbroker.config.BrokerProperties;

/**
 * Tomcat's part of the body limits ({@link RequestBodyDeadline}): a read waits at most
 * {@code broker.request-body.timeout} for the next bytes (Tomcat's upload timeout, off by
 * default, when the connection timeout would apply), and an unread body is never drained
 * ({@link UnreadBodyValve}). Applied to the API's server and to the actuator's own when
 * {@code management.server.port} gives it one ({@link ManagementBodyLimits}).
 */
final class TomcatBodyLimits implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final BrokerProperties.RequestBody limits;

    private final @Nullable DataSize maxSwallowSize;

    /**
     * @param maxSwallowSize to set on the connector, where Boot's {@code server.tomcat.*} does
     * not reach (the management server); null to leave it to Boot
     */
    TomcatBodyLimits(BrokerProperties.RequestBody limits, @Nullable DataSize maxSwallowSize) {
        this.limits = limits;
        this.maxSwallowSize = maxSwallowSize;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addEngineValves(new UnreadBodyValve());
        factory.addConnectorCustomizers((connector) -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout((int) Math.min(Integer.MAX_VALUE, this.limits.timeout().toMillis()));
                if (this.maxSwallowSize != null) {
                    http.setMaxSwallowSize((int) Math.min(Integer.MAX_VALUE, this.maxSwallowSize.toBytes()));
                }
            }
        });
    }
}
