package dev.ballast.scheduler;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How long the solver may search and how it is seeded.
 *
 * @param timeLimit       the longest a plan may take to compute
 * @param unimprovedLimit stop early once the best placement has not improved for this long
 * @param seed            fixes the search for reproducible runs; null for a fresh seed
 */
public record SolverSettings(Duration timeLimit, Duration unimprovedLimit, Long seed) {

    public static final SolverSettings DEFAULT = new SolverSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), null);

    public SolverSettings {
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(unimprovedLimit, "unimprovedLimit");
        // OptaPlanner refuses limits finer than a millisecond.
        timeLimit = timeLimit.truncatedTo(ChronoUnit.MILLIS);
        unimprovedLimit = unimprovedLimit.truncatedTo(ChronoUnit.MILLIS);
    }

    public SolverSettings withTimeLimit(Duration limit) {
        return new SolverSettings(limit, unimprovedLimit.compareTo(limit) > 0 ? limit : unimprovedLimit, seed);
    }

    public SolverSettings withSeed(Long newSeed) {
        return new SolverSettings(timeLimit, unimprovedLimit, newSeed);
    }
}
