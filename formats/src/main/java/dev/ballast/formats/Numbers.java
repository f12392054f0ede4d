package dev.ballast.formats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as operators read them: no trailing ".0", rounded where a report wants it. */
final class Numbers {

    private Numbers() {
    }

    /** {@code 64} rather than {@code 64.0}; {@code 1.5} as is. */
    static String show(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value); // a number too large for a double (1e400) reads as Infinity
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
