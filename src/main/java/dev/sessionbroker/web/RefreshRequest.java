package dev.sessionbroker.web;

import java.util.Iterator;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Optional body of {@code POST /sessions/{vendor}/refresh}. Read strictly: an unknown field
 * or a session ID that is not a string is a caller's mistake worth a 400, not something to
 * guess about when the answer may cost a vendor login.
 *
 * @param rejectedSessionId the session the vendor refused; a refresh only replaces it if it
 * is still the current one
 */
record RefreshRequest(@Nullable String rejectedSessionId) {

    private static final String FIELD = "rejectedSessionId";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RefreshRequest of(JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!FIELD.equals(name)) {
                throw new IllegalArgumentException("unknown field; only " + FIELD + " is accepted");
            }
        }
        JsonNode value = body.get(FIELD);
        if (value == null || value.isNull()) {
            return new RefreshRequest(null);
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException(FIELD + " must be a non-empty string");
        }
        return new RefreshRequest(value.asString());
    }

    @Override
    public String toString() {
        return "RefreshRequest[rejectedSessionId=" + ((this.rejectedSessionId != null) ? "******" : "none") + "]";
    }
}
