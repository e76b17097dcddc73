package dev.sessionbroker.proxy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpHeaders;

/**
 * Headers that belong to one connection (RFC 9110 §7.6.1) and must not be forwarded, plus
 * those the broker sets itself.
 */
final class HopByHopHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-connection", "proxy-authenticate", "proxy-authorization");

    private HopByHopHeaders() {
    }

    /** Headers to drop from one message: hop-by-hop ones and those its Connection header names. */
    static Set<String> of(HttpHeaders headers, String... alsoDropped) {
        Set<String> dropped = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        dropped.addAll(HOP_BY_HOP);
        dropped.addAll(Set.of(alsoDropped));
        for (String value : headers.getOrEmpty(HttpHeaders.CONNECTION)) {
            for (String name : value.split(",")) {
                dropped.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return dropped;
    }

    static boolean isProxyHeader(String name) {
        return name.regionMatches(true, 0, "proxy-", 0, 6);
    }

    /**
     * Headers in which proxies on the caller's side describe the caller's network (RFC 7239
     * {@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}): internal addresses and
     * host names that must not reach an outside party.
     */
    static boolean isCallerNetworkHeader(String name) {
        return name.equalsIgnoreCase("forwarded") || name.regionMatches(true, 0, "x-forwarded-", 0, 12)
                || name.equalsIgnoreCase("x-real-ip");
    }
}
