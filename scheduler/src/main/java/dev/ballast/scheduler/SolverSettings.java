package dev.ballast.scheduler;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How long the solver may search and how it is seeded.
 *
 * @param timeLimit       the longest a plan may take to compute: every search it makes shares it
 * @param unimprovedLimit stop early once the best placement has not improved for this long; on a
 *                        small cluster sooner (see {@link #sizedFor})
 * @param seed            fixes the search for reproducible runs; null for a fresh seed
 * @param fullSearch      true to keep the unimproved limit on small clusters too, for benchmarks
 *                        that compare searches at a given time
 */
public record SolverSettings(Duration timeLimit, Duration unimprovedLimit, Long seed, boolean fullSearch) {

    public static final SolverSettings DEFAULT = new SolverSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), null);

    /** See {@link #sizedFor}. */
    private static final Duration UNIMPROVED_PER_MOVE = Duration.ofNanos(100_000);
    private static final Duration LEAST_UNIMPROVED = Duration.ofMillis(250);

    public SolverSettings {
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(unimprovedLimit, "unimprovedLimit");
        // OptaPlanner refuses limits finer than a millisecond.
        timeLimit = timeLimit.truncatedTo(ChronoUnit.MILLIS);
        unimprovedLimit = unimprovedLimit.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Settings whose unimproved limit is shortened on small clusters. */
    public SolverSettings(Duration timeLimit, Duration unimprovedLimit, Long seed) {
        this(timeLimit, unimprovedLimit, seed, false);
    }

    public SolverSettings withTimeLimit(Duration limit) {
        return new SolverSettings(limit, unimprovedLimit.compareTo(limit) > 0 ? limit : unimprovedLimit, seed,
                fullSearch);
    }

    public SolverSettings withSeed(Long newSeed) {
        return new SolverSettings(timeLimit, unimprovedLimit, newSeed, fullSearch);
    }

    /**
     * The settings for a search of {@code vms} VMs on {@code hosts} hosts: the unimproved limit
     * at most 100 µs for each move of a VM to another host, and at least 250 ms. The unimproved
     * limit is sized for large clusters, where better placements keep coming for minutes; 7 VMs
     * on 4 hosts have 28 such moves, the solver scores some 30,000 placements a second on them,
     * and its best is found within milliseconds, after which a what-if run waited out its whole
     * 10 s limit for nothing, search after search. From 2,000 VMs on 50 hosts up (10 s) the
     * unimproved limit is as given.
     */
    public SolverSettings sizedFor(int vms, int hosts) {
        if (fullSearch) {
            return this;
        }
        Duration sized = UNIMPROVED_PER_MOVE.multipliedBy((long) vms * hosts);
        sized = sized.compareTo(LEAST_UNIMPROVED) < 0 ? LEAST_UNIMPROVED : sized;
        return sized.compareTo(unimprovedLimit) < 0
                ? new SolverSettings(timeLimit, sized, seed, fullSearch) : this;
    }
}
