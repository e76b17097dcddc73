package dev.sessionbroker.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a caller could put in a log line comes out as one harmless token. */
class LogValuesTest {

    @Test
    void addressesAndPathsStayAsTheyAre() {
        assertThat(LogValues.safe("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(LogValues.safe("fe80::1%eth0")).isEqualTo("fe80::1%eth0");
        assertThat(LogValues.safe("/api/v3/devices;x=1")).isEqualTo("/api/v3/devices;x%3D1");
    }

    @Test
    void nothingCanEndTheValueOrStartAnotherField() {
        assertThat(LogValues.safe("10.1.1.1 reason=ok forged=yes")).isEqualTo("10.1.1.1%20reason%3Dok%20forged%3Dyes");
        assertThat(LogValues.safe("a\"b'c\\d")).isEqualTo("a%22b%27c%5Cd");
        assertThat(LogValues.safe("x\r\naudit event=auth.ok\t\u0000")).isEqualTo("x%0D%0Aaudit%20event%3Dauth.ok%09%00");
        assertThat(LogValues.safe("é\uD83D\uDE00")).isEqualTo("%C3%A9%F0%9F%98%80");
    }

    @Test
    void longValuesAreCutAndSaySo() {
        assertThat(LogValues.safe("a".repeat(1000))).hasSize(LogValues.MAX_LENGTH + "...(cut)".length())
            .endsWith("...(cut)");
    }

    @Test
    void missingValuesAreNamed() {
        assertThat(LogValues.safe(null)).isEqualTo("none");
        assertThat(LogValues.safe("")).isEqualTo("empty");
    }
}
