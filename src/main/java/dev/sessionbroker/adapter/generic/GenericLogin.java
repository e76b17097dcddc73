package dev.sessionbroker.adapter.generic;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

import dev.sessionbroker.config.InvalidVendorConfigurationException;
import tools.jackson.core.JsonPointer;

/**
 * A validated declarative login ({@code broker.vendors.<name>.generic.*}). Exactly one of
 * {@code sessionPointer} and {@code sessionCookie} is set; {@code successPointer} and
 * {@code successValue} are set together or not at all.
 */
public record GenericLogin(
        HttpMethod method,
        String loginPath,
        Param usernameParam,
        Param passwordParam,
        @Nullable JsonPointer sessionPointer,
        @Nullable String sessionCookie,
        @Nullable Integer successStatus,
        @Nullable JsonPointer successPointer,
        @Nullable String successValue,
        @Nullable JsonPointer errorStatusPointer,
        @Nullable JsonPointer errorMessagePointer) {

    /** Where a credential goes in the login request; as a key's value: json, form, header or query. */
    public enum Location {

        JSON, FORM, HEADER, QUERY

    }

    /** One credential's place: a JSON or form field, a header, or a query parameter. */
    public record Param(Location in, String name) {
    }

    /** Whether the answer must be read as JSON at all. */
    public boolean readsJson() {
        return this.sessionPointer != null || this.successPointer != null || this.errorStatusPointer != null
                || this.errorMessagePointer != null;
    }

    /**
     * Validates a {@code broker.vendors.<name>.generic} block. A declarative login that cannot
     * work must fail at start-up with the key to fix, not at the first caller's request.
     */
    static GenericLogin from(String name, String prefix, GenericOptions generic) {
        HttpMethod method = method(name, prefix + "method", generic.method());
        String loginPath = generic.loginPath();
        if (loginPath == null || !loginPath.startsWith("/") || loginPath.contains("?") || loginPath.contains("#")) {
            throw new InvalidVendorConfigurationException(name, prefix + "login-path",
                    "is required and must be a path starting with '/' (no query or fragment), was " + loginPath);
        }
        Param username = param(name, prefix + "username-param", generic.usernameParam());
        Param password = param(name, prefix + "password-param", generic.passwordParam());
        if (isBody(username.in()) && isBody(password.in()) && username.in() != password.in()) {
            throw new InvalidVendorConfigurationException(name, prefix + "password-param.in",
                    "must match username-param.in: one request cannot have both a JSON and a form body");
        }
        if (method == HttpMethod.GET && (isBody(username.in()) || isBody(password.in()))) {
            throw new InvalidVendorConfigurationException(name, prefix + "method",
                    "GET cannot carry a json or form body: use POST or put the credentials in headers");
        }
        JsonPointer sessionPointer = pointer(name, prefix + "session-pointer", generic.sessionPointer());
        String sessionCookie = blankToNull(generic.sessionCookie());
        if ((sessionPointer == null) == (sessionCookie == null)) {
            throw new InvalidVendorConfigurationException(name, prefix + "session-pointer",
                    "exactly one of session-pointer and session-cookie must be set");
        }
        Integer successStatus = generic.successStatus();
        if (successStatus != null && (successStatus < 200 || successStatus > 299)) {
            throw new InvalidVendorConfigurationException(name, prefix + "success-status",
                    "must be a 2xx HTTP status, was " + successStatus);
        }
        JsonPointer successPointer = pointer(name, prefix + "success-pointer", generic.successPointer());
        String successValue = generic.successValue();
        if ((successPointer == null) != (successValue == null)) {
            throw new InvalidVendorConfigurationException(name, prefix + "success-value",
                    "success-pointer and success-value must be set together");
        }
        return new GenericLogin(method, loginPath, username, password, sessionPointer, sessionCookie, successStatus,
                successPointer, successValue, pointer(name, prefix + "error-status-pointer", generic.errorStatusPointer()),
                pointer(name, prefix + "error-message-pointer", generic.errorMessagePointer()));
    }

    private static HttpMethod method(String name, String key, String value) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        if (!upper.equals("POST") && !upper.equals("PUT") && !upper.equals("GET")) {
            throw new InvalidVendorConfigurationException(name, key, "must be POST, PUT or GET, was " + value);
        }
        return HttpMethod.valueOf(upper);
    }

    private static Param param(String name, String key, GenericOptions.Param param) {
        String field = blankToNull(param.name());
        if (param.in() == null || field == null) {
            throw new InvalidVendorConfigurationException(name, key,
                    "needs both 'in' (json, form, header or query) and 'name'");
        }
        return new Param(param.in(), field);
    }

    private static @Nullable JsonPointer pointer(String name, String key, @Nullable String value) {
        String pointer = blankToNull(value);
        if (pointer == null) {
            return null;
        }
        try {
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("must start with '/'");
            }
            return JsonPointer.compile(pointer);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidVendorConfigurationException(name, key,
                    "'" + pointer + "' is not a JSON pointer such as /metadata/session");
        }
    }

    private static boolean isBody(Location location) {
        return location == Location.JSON || location == Location.FORM;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }
}
