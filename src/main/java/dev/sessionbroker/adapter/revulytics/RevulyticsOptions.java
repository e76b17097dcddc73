package dev.sessionbroker.adapter.revulytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of a Revulytics vendor (broker.vendors.<name>.revulytics.*; the
 * * of the annotation, which only feeds the IDE metadata, is the vendor's name).
 *
 * @param useCookies log in with "useCookies": true and take the session from the
 * Set-Cookie of the login answer (handed out as name=value); proxied calls
 * then carry the cookie alone
 */
@ConfigurationProperties("broker.vendors.*.revulytics")
public record RevulyticsOptions(@DefaultValue("false") boolean useCookies) {
}
