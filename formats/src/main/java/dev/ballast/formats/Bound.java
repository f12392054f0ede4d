package dev.ballast.formats;

import java.util.function.DoublePredicate;

/**
 * A range a number read from a file must fall in, with the rule as the operator reads it, and
 * the largest size the field takes. Every bound refuses what is not a finite number (1e309 read
 * as infinity, {@code .nan}) and anything beyond its {@code max}, by default
 * {@link #MAX_MAGNITUDE}, so that no sum of a file's numbers can overflow. The ranges of the
 * fields are listed in {@code docs/input.md}.
 *
 * @param rule the rule the test checks, e.g. {@code must be > 0}
 * @param max  the largest magnitude accepted
 */
record Bound(String rule, DoublePredicate test, double max) {

    /**
     * Far above any real figure (a PiB in MiB is about 1e9). Whole numbers that are summed over a
     * cluster (memory, link bandwidth) have lower limits of their own, at most 2^30, so that their
     * sum over every element a file within the size limit can hold (fewer than 2^30) stays below
     * 2^63.
     */
    static final double MAX_MAGNITUDE = 1e10;

    /** Cores of one host or VM: a million is a thousand times the largest host sold. */
    static final double MAX_CORES = 1_000_000;
    /** MiB of one host or VM: 2^30 MiB is 1 PiB. */
    static final double MAX_MEMORY_MIB = 1L << 30;
    /** Mb/s of one link, host or VM: 1e9 Mb/s is 1 Pb/s. */
    static final double MAX_MBPS = 1e9;
    /** Watts of one host: a megawatt. */
    static final double MAX_WATTS = 1e6;
    /** A whole count of something in one element: vCPUs, pre-copy rounds, a smoothing window. */
    static final double MAX_COUNT = 1_000_000;
    /** Seconds of one estimate: about 31 years. */
    static final double MAX_SECONDS = 1e9;

    static final Bound ANY = new Bound("", v -> true);
    static final Bound POSITIVE = new Bound("must be > 0", v -> v > 0);
    /** A factor or a size that must be a real number above 0 ({@code .inf} is not one). */
    static final Bound POSITIVE_FINITE = new Bound("must be > 0 and finite", v -> v > 0 && Double.isFinite(v));
    static final Bound NON_NEGATIVE = new Bound("must be >= 0", v -> v >= 0);
    /** A share of a host's capacity: above 0, at most all of it. */
    static final Bound FRACTION = new Bound("must be > 0 and <= 1", v -> v > 0 && v <= 1);
    /** A share that may be none: from 0 to all of it. */
    static final Bound FRACTION_OR_NONE = new Bound("must be >= 0 and <= 1", v -> v >= 0 && v <= 1);

    Bound(String rule, DoublePredicate test) {
        this(rule, test, MAX_MAGNITUDE);
    }

    /** More than 0 and at most {@code max}. */
    static Bound positiveUpTo(double max) {
        return new Bound("must be > 0", v -> v > 0, max);
    }

    /** At least 0 and at most {@code max}. */
    static Bound nonNegativeUpTo(double max) {
        return new Bound("must be >= 0", v -> v >= 0, max);
    }

    boolean accepts(double value) {
        return Double.isFinite(value) && Math.abs(value) <= max && test.test(value);
    }

    /** The rule a refused value breaks: the test's rule, or the size limit when the value is beyond it. */
    String ruleFor(double value) {
        if (Double.isFinite(value) && !test.test(value)) {
            return rule;
        }
        String limit = Numbers.show(max);
        if (rule.isEmpty()) {
            return "must be between -" + limit + " and " + limit;
        }
        if (rule.contains("<=")) {
            return rule;
        }
        return Double.isFinite(value) ? "must be <= " + limit : rule + " and <= " + limit;
    }
}
