package dev.sessionbroker.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a proxied call goes: the vendor's base URL plus the caller's path below
 * {@code /proxy/{vendor}/}, checked so that it can never leave the base URL. The check works
 * on the raw (still encoded) path, because decoding first is how traversal slips through.
 */
final class ProxyTarget {

    /** Characters allowed raw in a path; anything else must be percent-encoded by the caller. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");

    private ProxyTarget() {
    }

    /**
     * @param base the vendor's base URL
     * @param rawPath the caller's path below the vendor prefix, as sent (percent-encoded)
     * @param rawQuery the caller's query string as sent, or null
     * @throws dev.sessionbroker.web.ProblemException ({@code UNSAFE_PROXY_PATH}) if the path could reach anything outside {@code base}
     */
    static URI resolve(URI base, String rawPath, @Nullable String rawQuery) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (!SAFE_PATH.matcher(rawPath).matches() || lower.contains("%2e") || lower.contains("%2f")
                || lower.contains("%5c") || lower.contains("%25") || lower.contains("%00") || rawPath.startsWith("/")
                || rawPath.contains("//")) {
            throw ProxyProblems.unsafePath();
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw ProxyProblems.unsafePath();
            }
        }
        String basePath = base.getRawPath().endsWith("/") ? base.getRawPath() : base.getRawPath() + "/";
        String target = base.getScheme() + "://" + base.getRawAuthority() + basePath + rawPath
                + ((rawQuery != null && !rawQuery.isEmpty()) ? "?" + rawQuery : "");
        URI uri;
        try {
            uri = URI.create(target);
        }
        catch (IllegalArgumentException ex) {
            throw ProxyProblems.unsafePath();
        }
        // Belt and braces: whatever the checks above missed, normalisation must not move the
        // target out of the base.
        URI normalized = uri.normalize();
        if (!normalized.getRawAuthority().equals(base.getRawAuthority())
                || !normalized.getRawPath().startsWith(basePath)) {
            throw ProxyProblems.unsafePath();
        }
        return uri;
    }
}
