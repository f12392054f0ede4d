package dev.ballast.formats;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them, in policy files and on the command line alike: a whole
 * number and a unit, {@code 500ms}, {@code 30s}, {@code 30m}, {@code 6h}, {@code 1d}; a bare
 * {@code 0} means none. One parser for both, so a duration that works in one place works in the
 * other. Callers that need more than zero (a solver's time limit) check that themselves.
 */
public final class Durations {

    /** The accepted forms, for messages that say what to write. */
    public static final String FORMS = "500ms, 30s, 30m, 6h or 1d";

    // Nine digits at most: large enough for any real duration, too small to overflow Duration.
    private static final int MAX_DIGITS = 9;
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the text and the accepted forms, when it is not a
     *                                  duration or is negative
     */
    public static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            String why = value.startsWith("-") ? "is negative" : "is not a duration";
            throw new IllegalArgumentException("'" + Printable.escape(text) + "' " + why + "; write a whole number and a unit, e.g. "
                    + FORMS);
        }
        String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("'" + Printable.escape(text) + "' is too long a duration: at most " + MAX_DIGITS
                    + " digits (999999999" + m.group(2) + "); use a larger unit, e.g. " + FORMS);
        }
        long amount = Long.parseLong(digits);
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The duration as {@link #parse} reads it back, in its largest whole unit: {@code 10s}, {@code 6h}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
