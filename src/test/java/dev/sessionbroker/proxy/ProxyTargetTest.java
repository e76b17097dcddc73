package dev.sessionbroker.proxy;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sessionbroker.web.Problem;
import dev.sessionbroker.web.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Where a proxied call goes: below the vendor's base URL, never outside it. No Spring, no HTTP. */
class ProxyTargetTest {

    private static final URI BASE = URI.create("https://api.example.com/rest/api");

    @ParameterizedTest
    @CsvSource({ "getRecord,,https://api.example.com/rest/api/getRecord",
            "getRecord,id=7&output=json,https://api.example.com/rest/api/getRecord?id=7&output=json",
            "a/b%20c,,https://api.example.com/rest/api/a/b%20c", "'',,https://api.example.com/rest/api/" })
    void aPlainRelativePathGoesBelowTheBase(String rawPath, String rawQuery, String expected) {
        assertThat(ProxyTarget.resolve(BASE, rawPath, rawQuery)).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "..", "../login", "a/../../x", "./x", "%2e%2e/x", "..%2fx", "a%2Fb", "..%5cx", "%252e",
            "%00", "/x", "a//b", "http://evil.example/x" })
    void anythingThatCouldLeaveTheBaseIsRefused(String rawPath) {
        assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> ProxyTarget.resolve(BASE, rawPath, null))
            .satisfies((refused) -> assertThat(refused.problem()).isEqualTo(Problem.UNSAFE_PROXY_PATH));
    }
}
