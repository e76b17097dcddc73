package dev.sessionbroker.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;
import dev.sessionbroker.config.BrokerProperties;

/**
 * The safe default for a service that hands out credentials: without clients, anonymous callers are served only while the
 * broker (and its actuator, if it has a port of its own) listens on loopback (127.0.0.0/8,
 * ::1, localhost); on any other address, all interfaces included, the start-up is refused
 * unless anonymous access is allowed explicitly.
 */
final class AnonymousAccess {

    private AnonymousAccess() {
    }

    /** @throws InvalidClientConfigurationException if anonymous callers would be served beyond loopback */
    static void check(Environment environment, BrokerProperties properties) {
        if (properties.security().allowAnonymous()) {
            return;
        }
        String address = environment.getProperty("server.address", "");
        if (!isLoopback(address)) {
            throw InvalidClientConfigurationException
                .anonymousOutsideLoopback(address.isBlank() ? "all interfaces (server.address not set)" : address);
        }
        // An actuator on a port of its own binds to management.server.address, all interfaces
        // when not set, and the anonymous caller is an admin there (env, configprops, details).
        if (hasOwnManagementServer(environment)) {
            String management = environment.getProperty("management.server.address", "");
            if (!isLoopback(management)) {
                throw InvalidClientConfigurationException.anonymousOutsideLoopback(management.isBlank()
                        ? "all interfaces for the actuator (management.server.port set, management.server.address not)"
                        : management + " for the actuator (management.server.address)");
            }
        }
    }

    private static boolean hasOwnManagementServer(Environment environment) {
        String port = environment.getProperty("management.server.port", "").trim();
        if (port.isEmpty() || port.equals("-1")) {
            return false;
        }
        return port.equals("0") || !port.equals(environment.getProperty("server.port", "8080").trim());
    }

    static boolean isLoopback(String address) {
        if (address.isBlank()) {
            return false;
        }
        try {
            // Literal addresses are not looked up; a host name is resolved as Tomcat will bind it.
            return InetAddress.getByName(address.trim()).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
