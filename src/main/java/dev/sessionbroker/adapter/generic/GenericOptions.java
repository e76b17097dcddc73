package dev.sessionbroker.adapter.generic;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A login described in configuration rather than code: the settings of a generic vendor
 * (broker.vendors.<name>.generic.*; the * of the annotation, which only feeds
 * the IDE metadata, is the vendor's name). Checked as a whole by GenericLogin#from.
 *
 * @param method HTTP method of the login request
 * @param loginPath path appended to base-url, starting with '/'
 * @param usernameParam where the username goes
 * @param passwordParam where the password goes
 * @param sessionPointer JSON pointer to the session ID in the answer, e.g. /metadata/session
 * @param sessionCookie name of the cookie carrying the session ID, instead of
 * session-pointer
 * @param successStatus HTTP status a successful login answers with; any 2xx when not set
 * @param successPointer JSON pointer to a field that tells success, compared with
 * success-value
 * @param successValue value of the success-pointer field on success, e.g. "0"
 * @param errorStatusPointer JSON pointer to the vendor's status code in a refusal
 * @param errorMessagePointer JSON pointer to the vendor's message in a refusal
 */
@ConfigurationProperties("broker.vendors.*.generic")
public record GenericOptions(
        @DefaultValue("POST") String method,
        @Nullable String loginPath,
        @DefaultValue Param usernameParam,
        @DefaultValue Param passwordParam,
        @Nullable String sessionPointer,
        @Nullable String sessionCookie,
        @Nullable Integer successStatus,
        @Nullable String successPointer,
        @Nullable String successValue,
        @Nullable String errorStatusPointer,
        @Nullable String errorMessagePointer) {

    /**
     * Where one credential goes in a generic login request.
     *
     * @param in json (a field of a JSON body), form (a field of a form body), header, or
     * query (a URL parameter; avoid: URLs end up in access logs)
     * @param name the field, header or parameter name
     */
    public record Param(GenericLogin.@Nullable Location in, @Nullable String name) {
    }
}
