package dev.ballast.reports;

import dev.ballast.model.MigrationEstimate;

import java.util.Locale;

/**
 * How figures read in every rendering (text, HTML): counts, percentages, memory, time spans and
 * the words for a step, so a report says the same thing whatever it is rendered as.
 */
public final class Text {

    private Text() {
    }

    /** {@code 1 host}, {@code 36 hosts}. */
    public static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** A fraction as a percentage with one decimal: 0.9187 gives {@code 91.9%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** Memory in GiB with one decimal. */
    public static String gib(double gib) {
        return String.format(Locale.ROOT, "%.1f GiB", gib);
    }

    /** Power in whole watts. */
    public static String watts(double watts) {
        return Math.round(watts) + " W";
    }

    /**
     * A time span as a person reads it: {@code 42.5 s} under a minute, then whole units,
     * {@code 4 min 12 s}, {@code 2 h 5 min}.
     */
    public static String seconds(double seconds) {
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

    /** What a step does, in words: {@code migrate}, {@code power off}. */
    public static String action(PlanView.Action action) {
        return switch (action) {
            case MIGRATE -> "migrate";
            case START -> "start";
            case POWER_OFF -> "power off";
            case POWER_ON -> "power on";
        };
    }

    /** {@code ~12.3 s, 45 ms pause}; empty for a step without an estimate. */
    public static String estimate(MigrationEstimate estimate) {
        if (estimate == null) {
            return "";
        }
        // A pause that rounds to 0 ms is still a pause.
        long pauseMs = Math.round(estimate.downtimeMs());
        return "~" + seconds(estimate.seconds()) + ", " + (pauseMs == 0 ? "<1" : pauseMs) + " ms pause";
    }
}
