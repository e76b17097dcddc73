package dev.sessionbroker.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.sessionbroker.adapter.SessionPlacement;

/**
 * Where a caller puts the session on its own vendor calls: the rule the proxy applies
 * ({@link SessionPlacement}), so that a caller (the client library) needs no knowledge of the
 * vendor. Only where the session goes: a fixed parameter the vendor wants beside it (AppViewX's
 * {@code gwkey}) is a secret of the broker's and is left out.
 *
 * @param in {@code header}, {@code query}, {@code cookie}, {@code body} (a field of the JSON
 * request body) or {@code basic} (HTTP Basic, the session as password)
 * @param name the header, parameter, cookie or body field; none for a cookie whose session
 * already is a {@code name=value} pair
 * @param prefix put before the session in a header, e.g. {@code "Bearer "}
 * @param username the HTTP Basic user name
 * @param fields body fields set beside the session (Revulytics' {@code user})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record PlacementView(String in, @Nullable String name, @Nullable String prefix, @Nullable String username,
        Map<String, String> fields) {

    /** The session's placement among the vendor's placements; null where none carries the session. */
    static @Nullable PlacementView of(List<SessionPlacement> placements) {
        for (SessionPlacement placement : placements) {
            PlacementView view = of(placement);
            if (view != null) {
                return view;
            }
        }
        return null;
    }

    private static @Nullable PlacementView of(SessionPlacement placement) {
        if (placement instanceof SessionPlacement.Header header) {
            return new PlacementView("header", header.name(), header.prefix(), null, Map.of());
        }
        if (placement instanceof SessionPlacement.QueryParameter query) {
            return new PlacementView("query", query.name(), null, null, Map.of());
        }
        if (placement instanceof SessionPlacement.Cookie cookie) {
            return new PlacementView("cookie", cookie.name(), null, null, Map.of());
        }
        if (placement instanceof SessionPlacement.JsonBodyFields json) {
            return new PlacementView("body", json.sessionField(), null, null, json.fixedFields());
        }
        if (placement instanceof SessionPlacement.BasicAuth basic) {
            return new PlacementView("basic", null, null, basic.username(), Map.of());
        }
        return null;
    }
}
