package dev.sessionbroker.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Puts {@link ContentLengthJsonConverter} in the place of the server's JSON converter, and
 * adds {@link PlainSessionIdConverter} for text/plain session answers.
 */
@Configuration(proxyBeanMethods = false)
class JsonAnswers {

    /** After Boot's own JSON customizer (order 0), which would otherwise put its converter back. */
    @Bean
    @Order(1)
    ServerHttpMessageConvertersCustomizer contentLengthJson(JsonMapper mapper) {
        return (converters) -> converters.withJsonConverter(new ContentLengthJsonConverter(mapper))
            .addCustomConverter(new PlainSessionIdConverter());
    }
}
