package dev.ballast.scheduler;

import java.time.Duration;

/**
 * How a search went, for benchmarks and logs.
 *
 * @param spent              time the solver searched
 * @param timeToBest         time until it found the placement it returned
 * @param scoreCalculations  candidate placements it scored
 */
public record SearchStats(Duration spent, Duration timeToBest, long scoreCalculations) {

    /** Placements scored per second. */
    public double scoreCalculationsPerSecond() {
        return spent.isZero() ? 0 : scoreCalculations * 1000.0 / spent.toMillis();
    }
}
