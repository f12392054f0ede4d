package dev.ballast.cli;

import dev.ballast.collector.Collector;
import dev.ballast.formats.ClusterConfigReader;
import dev.ballast.formats.InputException;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ballast collect}: samples the hosts of a cluster file through libvirt (and Prometheus
 * when configured) and writes the snapshot {@code ballast plan} reads. Progress and each host's
 * status go to stderr; the snapshot goes to --output, rewritten atomically, or to stdout.
 */
@Command(name = "collect",
        mixinStandardHelpOptions = true,
        description = "Samples the hosts of a cluster file and writes a ballast/v1 snapshot.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:snapshot written (hosts that did not answer are marked stale in it)",
            "1:no host answered at all",
            "2:bad input: a file, an option or an argument"})
final class CollectCommand extends Subcommand {


    @Mixin
    ClusterOption cluster;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Time between samples, e.g. 5s, 1m (default 10s).")
    Duration interval;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2",
            description = "Samples to take before writing (default 2, the least that gives rates).")
    int samples;

    @Option(names = "--output", paramLabel = "SNAPSHOT", description = "Write here (JSON if named *.json, else YAML); default stdout.")
    Path output;

    @Option(names = "--watch", description = "Keep sampling and rewrite --output after every sample.")
    boolean watch;


    @Override
    int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        checkOptions();
        ClusterConfig config;
        try {
            config = ClusterConfigReader.read(cluster.file);
        } catch (InputException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (Collector collector = new Collector(config, Clock.systemUTC())) {
            return collect(collector, config, out, err);
        }
    }

    private void checkOptions() {
        if (samples < 2) {
            throw new ParameterException(spec.commandLine(), "--samples " + samples + ": at least 2, rates need two samples");
        }
        if (watch && output == null) {
            throw new ParameterException(spec.commandLine(), "--watch rewrites a file: give --output SNAPSHOT");
        }
        PlanFiles.checkWritable(output, "--output").ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), problem);
        });
    }

    private int collect(Collector collector, ClusterConfig config, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        for (int round = 1; ; round++) {
            long began = System.nanoTime();
            collector.sample();
            err.printf(Locale.ROOT, "sample %d%s: %d hosts in %.1fs%n", round, watch ? "" : "/" + samples,
                    config.hosts().size(), (System.nanoTime() - began) / 1e9);
            err.flush();
            if (round >= samples) {
                int code = write(collector, out, err);
                if (!watch || code == ExitCodes.BAD_INPUT) {
                    return code;
                }
            }
            Thread.sleep(Math.max(0, interval.toMillis() - (System.nanoTime() - began) / 1_000_000));
        }
    }

    private int write(Collector collector, PrintWriter out, PrintWriter err) {
        ClusterSnapshot snapshot = collector.snapshot();
        collector.status().forEach(err::println);
        boolean json = output != null && output.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        String text = json ? SnapshotWriter.toJson(snapshot) : SnapshotWriter.toYaml(snapshot);
        if (output == null) {
            out.print(Text.endLine(text));
        } else {
            try {
                PlanFiles.write(output, text);
            } catch (IOException e) {
                err.println("--output " + output + ": cannot write the snapshot: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            err.println("wrote " + output + ": " + snapshot.hosts().size() + " hosts, " + snapshot.vms().size() + " VMs");
        }
        err.flush();
        return snapshot.hosts().stream().allMatch(Host::isStale) ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
