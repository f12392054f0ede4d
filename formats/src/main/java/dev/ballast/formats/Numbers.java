package dev.ballast.formats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as operators read them: no trailing ".0", rounded where a report wants it. */
final class Numbers {

    private Numbers() {
    }

    /** {@code 64} rather than {@code 64.0}; {@code 1.5} as is; {@code 1E+300} for the huge; never throws. */
    static String show(double value) {
        if (Double.isNaN(value)) {
            return "NaN (not a number)";
        }
        if (Double.isInfinite(value)) {
            return (value > 0 ? "" : "-") + "infinity (a number too large to hold)";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        return Math.abs(value) >= 1e15 || Math.abs(value) < 1e-6 ? exact.toString() : exact.toPlainString();
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
