package dev.ballast.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --time-limit DURATION} and {@code --seed N}: how long the solver searches and what fixes
 * its search. A picocli mixin; neither option has a default here, each command gives its own
 * (and says so in its help, see {@code OptionWording.properties}).
 */
final class SearchOptions {

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            descriptionKey = "time-limit",
            description = "The longest a plan may take, all its searches together, e.g. 500ms, 30s, 2m (default 30s).")
    Duration timeLimit;

    @Option(names = "--seed", paramLabel = "N", descriptionKey = "seed",
            description = "Fixes the solver's search, for repeatable plans.")
    Long seed;

    /** The time limit given, else {@code otherwise}. */
    Duration timeLimitOr(Duration otherwise) {
        return timeLimit != null ? timeLimit : otherwise;
    }

    /** The seed given, else {@code otherwise}. */
    long seedOr(long otherwise) {
        return seed != null ? seed : otherwise;
    }
}
