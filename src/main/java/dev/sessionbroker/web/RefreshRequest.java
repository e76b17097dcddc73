package dev.sessionbroker.web;

import java.util.Iterator;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

import dev.sessionbroker.config.Secret;
import tools.jackson.databind.JsonNode;

/**
 * Optional body of {@code POST /sessions/{vendor}/refresh}. Read strictly: an unknown field
 * or a field that is not a string ({@code null} included) is a caller's mistake worth a 400, not something to
 * guess about when the answer may cost a vendor login.
 *
 * @param rejectedSessionId the session the vendor refused; a refresh only replaces it if it
 * is still the current one
 * @param otp a one-time password for one login of an AppViewX account with MFA
 */
record RefreshRequest(@Nullable String rejectedSessionId, @Nullable Secret otp) {

    private static final String FIELD = "rejectedSessionId";

    private static final String OTP = "otp";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RefreshRequest of(JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!FIELD.equals(name) && !OTP.equals(name)) {
                throw new IllegalArgumentException("unknown field; only " + FIELD + " and " + OTP + " are accepted");
            }
        }
        String otp = optionalString(body, OTP);
        return new RefreshRequest(optionalString(body, FIELD), (otp != null) ? Secret.of(otp) : null);
    }

    private static @Nullable String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        // Absent means "no opinion"; an explicit null is a caller's bug, and guessing it means
        // "absent" would turn it into an unconditional vendor login.
        if (value == null) {
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asString();
    }

    @Override
    public String toString() {
        return "RefreshRequest[rejectedSessionId=" + ((this.rejectedSessionId != null) ? "******" : "none") + ", otp="
                + ((this.otp != null) ? "******" : "none") + "]";
    }
}
