package dev.sessionbroker.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * Picks between the two representations of a session. JSON wins unless the caller prefers
 * text/plain, so that {@code Accept: *}{@code /*}, a missing header and browsers get JSON.
 */
final class AcceptHeader {

    private AcceptHeader() {
    }

    static boolean prefersPlainText(@Nullable String accept) {
        if (accept == null || accept.isBlank() || accept.equals("*/*") || accept.equals(MediaType.APPLICATION_JSON_VALUE)) {
            return false;
        }
        if (accept.equals(MediaType.TEXT_PLAIN_VALUE)) {
            return true;
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        return quality(accepted, MediaType.TEXT_PLAIN) > quality(accepted, MediaType.APPLICATION_JSON);
    }

    /** RFC 9110 §12.5.1: the most specific range that matches decides the quality. */
    private static double quality(List<MediaType> accepted, MediaType candidate) {
        MediaType best = null;
        for (MediaType range : accepted) {
            if (range.includes(candidate) && (best == null || specificity(range) > specificity(best))) {
                best = range;
            }
        }
        return (best != null) ? best.getQualityValue() : 0;
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : (range.isWildcardSubtype() ? 1 : 2);
    }
}
