package dev.ballast.formats;

/**
 * Text as it may be shown on a terminal or in a report: characters that could move the cursor,
 * reorder what follows or hide themselves (controls such as newline or ESC, bidirectional
 * overrides, zero-width and other format characters, line separators, lone surrogates) are
 * written as escapes, {@code \n} or {@code \u202E}. Everything else, accents and scripts
 * included, is left as it is.
 */
public final class Printable {

    private Printable() {
    }

    /** True when the code point would not show as itself on a terminal. */
    public static boolean isHidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /** The first code point of {@code text} that {@link #isHidden} refuses, or -1 when there is none. */
    public static int firstHidden(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++; // printable ASCII, the common case, without a Unicode table look-up
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (isHidden(codePoint)) {
                return codePoint;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    /** The text with every hidden code point escaped; the same string when there is none. */
    public static String escape(String text) {
        if (text == null || firstHidden(text) < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(codePoint -> {
            if (!isHidden(codePoint)) {
                escaped.appendCodePoint(codePoint);
            } else if (codePoint == '\n') {
                escaped.append("\\n");
            } else if (codePoint == '\r') {
                escaped.append("\\r");
            } else if (codePoint == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append(codePointName(codePoint).replace("U+", "\\u"));
            }
        });
        return escaped.toString();
    }

    /** {@code U+000A}, {@code U+202E}: how a message names a character it cannot show. */
    public static String codePointName(int codePoint) {
        return String.format(java.util.Locale.ROOT, "U+%04X", codePoint);
    }
}
