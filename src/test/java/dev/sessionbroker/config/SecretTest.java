package dev.sessionbroker.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTest {

    @Test
    void printsMaskedAndRevealsOnRequest() {
        Secret secret = Secret.of("passw0rd");

        assertThat(secret).hasToString("******");
        assertThat(String.valueOf(secret)).doesNotContain("passw0rd");
        assertThat(secret.reveal()).isEqualTo("passw0rd");
    }
}
