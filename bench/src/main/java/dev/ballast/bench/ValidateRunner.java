package dev.ballast.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.ballast.formats.Document;
import dev.ballast.formats.InputException;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Runs one case of the {@code validate} suite: writes its snapshot file into a temporary
 * directory (removed afterwards), decodes it once to warm the page cache and the compiler, then
 * {@link #ROUNDS} times in turn reads it, validates it and loads it as {@code plan} does, each
 * after a collection and under its own {@link HeapPeak}. Taking turns spreads a busy moment of
 * the machine over all three rather than one.
 */
final class ValidateRunner {

    static final int ROUNDS = 3;

    private static final double MIB = 1024.0 * 1024.0;

    /** @throws BenchInputException when the file cannot be written */
    ValidateResult run(ValidateCase benchCase) throws BenchInputException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ballast-bench-validate-");
            Path file = dir.resolve(benchCase.name() + ".json");
            CopiedSnapshotFile.write(benchCase, file);
            return measure(benchCase, file);
        } catch (IOException e) {
            throw new BenchInputException("cannot write the snapshot of " + benchCase.id() + " in "
                    + (dir == null ? "the temporary directory" : dir) + ": " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    /** Measures a case on its file, written already. */
    ValidateResult measure(ValidateCase benchCase, Path file) throws IOException {
        FileDecoding.decode(file);
        List<Measured> reads = new ArrayList<>();
        List<Measured> validations = new ArrayList<>();
        List<Measured> loads = new ArrayList<>();
        String error = null;
        for (int round = 0; round < ROUNDS && error == null; round++) {
            reads.add(timed(() -> FileDecoding.decode(file), decoded -> null));
            Measured validation = timed(() -> validate(file), read -> wrongSize(benchCase, read));
            validations.add(validation);
            error = validation.error();
            if (error == null) {
                Measured load = timed(() -> SnapshotReader.read(file), read -> wrongSize(benchCase, read));
                loads.add(load);
                error = load.error();
            }
        }
        return new ValidateResult(benchCase.suite(), benchCase.name(), benchCase.hosts(), benchCase.totalVms(),
                Files.size(file), reads.size(), error == null, error,
                median(reads, Measured::seconds), median(reads, Measured::cpuSeconds), peak(reads),
                median(validations, Measured::seconds), median(validations, Measured::cpuSeconds), peak(validations),
                median(loads, Measured::seconds), median(loads, Measured::cpuSeconds), peak(loads));
    }

    /** What {@code ballast validate FILE} does with a snapshot: reads the file, its kind, then the snapshot. */
    private static SnapshotReader.Counts validate(Path file) throws InputException {
        Document document = Document.read(file);
        Optional<String> kind = document.kind();
        if (!kind.equals(Optional.of("ClusterSnapshot"))) {
            throw new IllegalStateException("the file's kind reads as " + kind + ", not ClusterSnapshot");
        }
        return SnapshotReader.check(document);
    }

    /** Null when the snapshot read holds every host and VM of the case. */
    private static String wrongSize(ValidateCase benchCase, Object read) {
        int hosts;
        int vms;
        if (read instanceof ClusterSnapshot snapshot) {
            hosts = snapshot.hosts().size();
            vms = snapshot.vms().size();
        } else {
            SnapshotReader.Counts counts = (SnapshotReader.Counts) read;
            hosts = counts.hosts();
            vms = counts.vms();
        }
        if (hosts == benchCase.hosts() && vms == benchCase.totalVms()) {
            return null;
        }
        return "read " + hosts + " hosts and " + vms + " VMs, expected " + benchCase.hosts() + " and "
                + benchCase.totalVms();
    }

    /**
     * One step timed: wall clock, the process's CPU time and its heap peak, and why it failed:
     * it threw, or {@code check} found its result wrong. The result is dropped once checked, so
     * that the next step starts with an empty heap.
     */
    private static Measured timed(Step step, Function<Object, String> check) {
        Object result = null;
        String error = null;
        long peakBytes;
        long cpuBefore;
        long started;
        try (HeapPeak heap = HeapPeak.start()) {
            cpuBefore = processCpuNanos();
            started = System.nanoTime();
            try {
                result = step.run();
            } catch (InputException e) {
                error = "refused: " + firstLines(e.getMessage());
            } catch (IOException | RuntimeException e) {
                error = e.toString();
            } catch (OutOfMemoryError e) {
                error = "out of memory (max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)";
            }
            peakBytes = heap.peakBytes();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        if (error == null) {
            error = check.apply(result);
        }
        return new Measured(seconds, cpuSeconds, peakBytes / MIB, error);
    }

    private static String firstLines(String message) {
        List<String> lines = message.lines().limit(4).map(String::strip).toList();
        return String.join(" / ", lines);
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The median of the rounds, or null when none ran. */
    private static Double median(List<Measured> rounds, ToDoubleFunction<Measured> figure) {
        if (rounds.isEmpty()) {
            return null;
        }
        double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static Double peak(List<Measured> rounds) {
        return rounds.isEmpty() ? null : rounds.stream().mapToDouble(Measured::peakHeapMiB).max().getAsDouble();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing a measured run for.
        }
    }

    @FunctionalInterface
    private interface Step {
        Object run() throws InputException, IOException;
    }

    private record Measured(double seconds, double cpuSeconds, double peakHeapMiB, String error) {
    }
}
