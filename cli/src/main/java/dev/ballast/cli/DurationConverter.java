package dev.ballast.cli;

import dev.ballast.formats.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * Reads a time limit or an interval the way operators write durations ({@code 500ms},
 * {@code 30s}, {@code 2m}, {@code 1h}), through the same parser as policy files, and refuses
 * zero: a search needs some time, and a zero interval would spin. Picocli prefixes its errors
 * with the option's name.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "' is no time at all; give at least 1s");
        }
        return duration;
    }

    /** The duration as an operator would write it back, e.g. {@code 10s}. */
    static String format(Duration duration) {
        return Durations.format(duration);
    }
}
