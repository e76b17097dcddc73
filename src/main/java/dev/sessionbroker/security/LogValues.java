package dev.sessionbroker.security;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Makes a value that a caller can influence (a remote address taken from a proxy's
 * {@code X-Forwarded-For}, a raw request path) safe to put in a {@code key=value} log line:
 * spaces, {@code =}, quotes, backslashes, control and non-ASCII characters are percent-encoded,
 * so the value stays one token and can neither end a field nor start a new one; operators can
 * still read what was sent. Long values are cut.
 */
public final class LogValues {

    static final int MAX_LENGTH = 200;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LogValues() {
    }

    public static String safe(@Nullable String value) {
        if (value == null) {
            return "none";
        }
        if (value.isEmpty()) {
            return "empty";
        }
        String cut = (value.length() > MAX_LENGTH) ? value.substring(0, MAX_LENGTH) : value;
        StringBuilder safe = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (isPlain(c)) {
                if (safe != null) {
                    safe.append(c);
                }
                continue;
            }
            if (safe == null) {
                safe = new StringBuilder(cut.length() + 16).append(cut, 0, i);
            }
            int end = (Character.isHighSurrogate(c) && i + 1 < cut.length()) ? i + 2 : i + 1;
            for (byte b : cut.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                safe.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        String result = (safe != null) ? safe.toString() : cut;
        return (cut.length() < value.length()) ? result + "...(cut)" : result;
    }

    /** Letters, digits and the punctuation of addresses and paths that no log format gives a meaning. */
    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ".-_:/[]%@+~,;!*()$&".indexOf(c) >= 0;
    }
}
