package dev.ballast.whatif;

import java.util.Locale;

/** Durations as a person reads them: {@code 45 s}, {@code 12.5 min}, {@code 3.2 h}. */
final class Seconds {

    private Seconds() {
    }

    static String show(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
