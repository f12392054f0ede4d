package dev.ballast.cli;

import java.math.BigDecimal;
import java.util.Locale;

/** Small wording helpers shared by the commands' output. */
final class Text {

    private Text() {
    }

    /** {@code 1 host}, {@code 36 hosts}. */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** A decimal without trailing zeros: 0.85, 1, 0.8. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A fraction as a percentage with one decimal: 0.9187 gives {@code 91.9%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** Memory in GiB with one decimal. */
    static String gib(double gib) {
        return String.format(Locale.ROOT, "%.1f GiB", gib);
    }

    /**
     * A time span as a person reads it: {@code 42.5 s} under a minute, then whole units,
     * {@code 4 min 12 s}, {@code 2 h 5 min}.
     */
    static String seconds(double seconds) {
        if (seconds < 59.95) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return whole / 60 + " min" + (whole % 60 == 0 ? "" : " " + whole % 60 + " s");
        }
        long minutes = Math.round(seconds / 60);
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** The text ending in exactly one newline. */
    static String endLine(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
