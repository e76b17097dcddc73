package dev.sessionbroker.adapter;

import java.util.regex.Pattern;

/**
 * Vendor text as the broker shows it (an answer's {@code vendorMessage}, a log line, a
 * cool-down shared through Redis): one short line. One rule wherever such text is read.
 */
public final class VendorText {

    /**
     * {@code \p{Cc}} is every control character (C0 and C1, such as U+0085 and U+009B),
     * {@code \p{Cntrl}} only ASCII's; line and paragraph separators end a line in some log
     * viewers too.
     */
    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");

    private VendorText() {
    }

    /** The text on one line, stripped, cut to {@code max} characters without splitting a surrogate pair. */
    public static String oneLine(String text, int max) {
        String line = LINE_BREAKING.matcher(text).replaceAll(" ").strip();
        if (line.length() <= max) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
        return line.substring(0, end);
    }
}
