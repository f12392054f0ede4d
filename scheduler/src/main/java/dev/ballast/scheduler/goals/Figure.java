package dev.ballast.scheduler.goals;

import java.util.Locale;
import java.util.Objects;

/**
 * One efficacy figure of a plan, as its goal measures it: e.g. {@code hosts freed 3},
 * {@code imbalance after 4.2 points}. Watcher calls these efficacy indicators: they let a plan be
 * judged before it runs.
 *
 * @param unit what the value counts, e.g. {@code W}, {@code points}, {@code hosts}
 */
public record Figure(String name, double value, String unit) {

    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String toString() {
        String shown = value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return name + " " + shown + " " + unit;
    }
}
