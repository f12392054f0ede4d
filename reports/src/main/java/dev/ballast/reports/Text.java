package dev.ballast.reports;

import java.util.Locale;

/** How figures read in text: counts, percentages, memory and time spans. */
final class Text {

    private Text() {
    }

    /** {@code 1 host}, {@code 36 hosts}. */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** A fraction as a percentage with one decimal: 0.9187 gives {@code 91.9%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** Memory in GiB with one decimal. */
    static String gib(double gib) {
        return String.format(Locale.ROOT, "%.1f GiB", gib);
    }

    /** Power in whole watts. */
    static String watts(double watts) {
        return Math.round(watts) + " W";
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
}
