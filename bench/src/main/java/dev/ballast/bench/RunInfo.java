package dev.ballast.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where and how a benchmark run was made, written above its results: figures from a loaded
 * two-core machine and from a quiet sixteen-core one are not comparable.
 *
 * @param started   when the run began, ISO 8601 in UTC
 * @param timeLimit the {@code --time-limit} override, or null when each case used its own
 */
public record RunInfo(String started, List<String> suites, String timeLimit, long seed, String java, int cores,
        long maxHeapMiB, String jvmArguments) {

    /** This JVM's figures. */
    public static RunInfo here(Instant started, List<String> suites, String timeLimit, long seed) {
        return new RunInfo(started.truncatedTo(ChronoUnit.SECONDS).toString(), List.copyOf(suites), timeLimit, seed,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1 << 20),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }
}
