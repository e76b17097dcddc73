package dev.sessionbroker.adapter;

import java.util.Set;

import tools.jackson.core.JsonPointer;

/**
 * Where a vendor that reports errors inside a 200 answer puts its status, and which statuses
 * mean that the session is no longer valid unless {@code session-expired-statuses} says
 * otherwise.
 *
 * @param pointer the status field, e.g. AlertSite's {@code /metadata/status}
 * @param successValue the status of a successful answer
 * @param defaultExpiredStatuses statuses meaning "session invalid"; {@link #ANY_FAILURE}
 * for every status but the success value
 */
public record BodyStatusRule(JsonPointer pointer, String successValue, Set<String> defaultExpiredStatuses) {

    /** A status set containing this matches every status except the success value. */
    public static final String ANY_FAILURE = "*";
}
