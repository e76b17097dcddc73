package dev.sessionbroker.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the broker's clock and ticker with one {@link FakeTime}. */
@TestConfiguration(proxyBeanMethods = false)
public class FakeTimeConfiguration {

    @Bean
    @Primary
    FakeTime fakeTime() {
        return new FakeTime();
    }
}
