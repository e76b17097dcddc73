package dev.sessionbroker.vendor.generic;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

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

    /** Where a credential goes in the login request. */
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
}
