package dev.ballast.formats;

import java.util.function.DoublePredicate;

/** A range a number read from a file must fall in, with the rule as the operator reads it. */
record Bound(String rule, DoublePredicate test) {

    static final Bound ANY = new Bound("", v -> true);
    static final Bound POSITIVE = new Bound("must be > 0", v -> v > 0);
    /** A factor or a size that must be a real number above 0 ({@code .inf} is not one). */
    static final Bound POSITIVE_FINITE = new Bound("must be > 0 and finite", v -> v > 0 && Double.isFinite(v));
    static final Bound NON_NEGATIVE = new Bound("must be >= 0", v -> v >= 0);
    /** A share of a host's capacity: above 0, at most all of it. */
    static final Bound FRACTION = new Bound("must be > 0 and <= 1", v -> v > 0 && v <= 1);

    boolean accepts(double value) {
        return test.test(value);
    }
}
