package dev.sessionbroker.web;

import org.jspecify.annotations.Nullable;

/**
 * Optional body of {@code POST /sessions/{vendor}/refresh}.
 *
 * @param rejectedSessionId the session the vendor refused; a refresh only replaces it if it
 * is still the current one
 */
record RefreshRequest(@Nullable String rejectedSessionId) {
}
