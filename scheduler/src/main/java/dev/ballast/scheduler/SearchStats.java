package dev.ballast.scheduler;

import java.time.Duration;

/**
 * How a search went, for benchmarks, logs and checking that a plan keeps its time limit.
 *
 * @param began              time since the plan was asked for when the search began
 * @param limit              the time the search was given: its share of what the plan's time limit had left
 * @param spent              time the solver searched
 * @param timeToBest         time until it found the placement it returned
 * @param scoreCalculations  candidate placements it scored
 */
public record SearchStats(Duration began, Duration limit, Duration spent, Duration timeToBest,
        long scoreCalculations) {

    /** Placements scored per second. */
    public double scoreCalculationsPerSecond() {
        return spent.isZero() ? 0 : scoreCalculations * 1000.0 / spent.toMillis();
    }
}
