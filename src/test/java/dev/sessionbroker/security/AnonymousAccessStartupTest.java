package dev.sessionbroker.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.support.QuietOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The safe default of SPEC §9: with no clients the broker serves anonymous callers on
 * loopback only, and refuses to start on any other address unless told explicitly.
 */
@ExtendWith(QuietOutput.class)
class AnonymousAccessStartupTest {

    @Test
    void refusesToStartOnAllInterfacesWithoutClients(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("server.address=0.0.0.0").close());

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
            .contains("listens on 0.0.0.0 (not loopback) and broker.clients is empty")
            .contains("broker.security.allow-anonymous=true");
    }

    @Test
    void refusesToStartWithoutAnAddressAndWithoutClients(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("server.address=").close());

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("all interfaces");
    }

    @Test
    void refusesToStartWithAnActuatorPortOnAllInterfacesWithoutClients(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("management.server.port=0").close());

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
            .contains("all interfaces for the actuator");
    }

    @Test
    void startsWithAnActuatorPortOnLoopbackWithoutClients() {
        try (ConfigurableApplicationContext context = start("management.server.port=0",
                "management.server.address=127.0.0.1")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void startsOnAllInterfacesWhenAnonymousAccessIsAllowedExplicitly() {
        try (ConfigurableApplicationContext context = start("server.address=0.0.0.0",
                "broker.security.allow-anonymous=true")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void startsOnAllInterfacesWithClients() {
        try (ConfigurableApplicationContext context = start("server.address=0.0.0.0",
                "broker.clients.billing.token-sha256=" + Tokens.sha256Hex("t"),
                "broker.clients.billing.vendors=*")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void loopbackIsEveryAddressOf127Slash8TheIpv6LoopbackAndLocalhost() {
        for (String address : List.of("127.0.0.1", "127.1.2.3", "::1", "localhost")) {
            assertThat(AnonymousAccess.isLoopback(address)).as(address).isTrue();
        }
        for (String address : List.of("0.0.0.0", "::", "10.0.0.7", "192.168.1.20", "")) {
            assertThat(AnonymousAccess.isLoopback(address)).as(address).isFalse();
        }
    }

    /** As command-line arguments: they win over application.yaml, as an operator's settings do. */
    private static ConfigurableApplicationContext start(String... properties) {
        String[] arguments = new String[properties.length + 1];
        arguments[0] = "--server.port=0";
        for (int i = 0; i < properties.length; i++) {
            arguments[i + 1] = "--" + properties[i];
        }
        return new SpringApplicationBuilder(SessionBrokerApplication.class).run(arguments);
    }
}
