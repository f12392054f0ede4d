package dev.ballast.bench;

import dev.ballast.formats.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to run and where to write it.
 *
 * @param suites    suite names or {@code suite/case-pattern}s; empty for every suite
 * @param timeLimit overrides every case's own time limit, or null
 * @param outputDir where {@code results.md} and {@code results.json} go
 * @param seed      seeds the generated clusters and the solver
 * @param dataDir   the cloud-balancing data sets, or null for {@link DataDir#DEFAULT}
 */
public record BenchOptions(List<String> suites, Duration timeLimit, Path outputDir, long seed, Path dataDir) {

    public static final Path DEFAULT_OUTPUT = Path.of("bench-results");
    public static final long DEFAULT_SEED = 1;

    public static final String USAGE = """
            Usage: BenchMain [--suite NAME[/CASE],...] [--time-limit DURATION] [--output-dir DIR] [--seed N]
                             [--data DIR]
            Suites: %s. A CASE pattern may use * (generated/100-hosts-*).
            Each case has its own time limit (the issue's target) unless --time-limit is given.
            Defaults: every suite, --output-dir %s, --seed %d, --data %s from the repository root.
            """.formatted(String.join(", ", Suites.NAMES), DEFAULT_OUTPUT, DEFAULT_SEED, DataDir.DEFAULT);

    public BenchOptions {
        suites = List.copyOf(suites);
    }

    /** Every suite, each case's own time limit, the default seed and directories. */
    public static BenchOptions defaults() {
        return new BenchOptions(List.of(), null, DEFAULT_OUTPUT, DEFAULT_SEED, null);
    }

    /**
     * Reads the command line of {@link BenchMain}; {@code ballast bench} reads its own with picocli.
     *
     * @throws BenchInputException naming the option that is wrong
     */
    public static BenchOptions parse(String... args) throws BenchInputException {
        List<String> suites = new ArrayList<>();
        Duration timeLimit = null;
        Path outputDir = DEFAULT_OUTPUT;
        long seed = DEFAULT_SEED;
        Path dataDir = null;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new BenchInputException(option + ": needs a value\n" + USAGE);
            }
            String value = args[i + 1];
            switch (option) {
                case "--suite" -> suites.addAll(Arrays.asList(value.split(",")));
                case "--time-limit" -> timeLimit = timeLimit(value);
                case "--output-dir" -> outputDir = Path.of(value);
                case "--seed" -> seed = seed(value);
                case "--data" -> dataDir = Path.of(value);
                default -> throw new BenchInputException(option + ": unknown option\n" + USAGE);
            }
        }
        return new BenchOptions(suites, timeLimit, outputDir, seed, dataDir);
    }

    public BenchOptions withTimeLimit(Duration limit) {
        return new BenchOptions(suites, limit, outputDir, seed, dataDir);
    }

    private static Duration timeLimit(String value) throws BenchInputException {
        try {
            Duration limit = Durations.parse(value);
            if (limit.isZero()) {
                throw new BenchInputException("--time-limit " + value + ": give the solver some time, e.g. 60s");
            }
            return limit;
        } catch (IllegalArgumentException e) {
            throw new BenchInputException("--time-limit: " + e.getMessage(), e);
        }
    }

    private static long seed(String value) throws BenchInputException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BenchInputException("--seed " + value + ": not a whole number", e);
        }
    }
}
