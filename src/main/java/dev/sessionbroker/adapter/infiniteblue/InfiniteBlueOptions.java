package dev.sessionbroker.adapter.infiniteblue;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of an Infinite Blue vendor (broker.vendors.<name>.infiniteblue.*; the
 * * of the annotation, which only feeds the IDE metadata, is the vendor's name).
 *
 * @param customerId the custId header: the customer to log in to when the login
 * name alone does not determine it
 * @param adminFallback sends adminFallback: true, so that a tenant with another
 * authentication method still accepts the password
 */
@ConfigurationProperties("broker.vendors.*.infiniteblue")
public record InfiniteBlueOptions(
        @Nullable @Pattern(regexp = "\\s*[^\\s\\p{Cc}][^\\p{Cc}]*", message = "must not be blank when set, "
                + "nor hold control characters (it is sent as a header)") String customerId,
        @DefaultValue("false") boolean adminFallback) {
}
