package dev.ballast.cli;

import dev.ballast.collector.Collector;
import dev.ballast.formats.ClusterConfigReader;
import dev.ballast.formats.InputException;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.Ticker;
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
import java.time.Instant;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ballast collect}: samples the hosts of a cluster file through libvirt (and Prometheus
 * when configured), or a simulated cluster, and writes the snapshot {@code ballast plan} reads. Progress and each host's
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


    private Ticker ticker;

    @Override
    int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        checkOptions();
        HostDrivers drivers;
        try {
            ClusterConfig file = ClusterConfigReader.read(cluster.file);
            // A simulated cluster is sampled on time of its own, moved on between samples: no waiting.
            ticker = file.isSimulated() ? new ManualTicker(Instant.now()) : Ticker.system();
            drivers = HostDrivers.of(file, cluster.file, ticker);
        } catch (InputException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        drivers.startedFrom().ifPresent(from -> err.println("simulated cluster, started from " + from));
        ClusterConfig config = drivers.cluster();
        try (Collector collector = new Collector(config, ticker.asClock(), drivers.readOnly())) {
            return collect(collector, drivers, out, err);
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

    private int collect(Collector collector, HostDrivers drivers, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        ClusterConfig config = drivers.cluster();
        for (int round = 1; ; round++) {
            long began = System.nanoTime();
            collector.sample();
            err.printf(Locale.ROOT, "sample %d%s: %d hosts in %.1fs%n", round, watch ? "" : "/" + samples,
                    config.hosts().size(), (System.nanoTime() - began) / 1e9);
            err.flush();
            if (round >= samples) {
                int code = write(collector, drivers, out, err);
                if (!watch || code == ExitCodes.BAD_INPUT) {
                    return code;
                }
            }
            pause(Duration.ofMillis(Math.max(0, interval.toMillis() - (System.nanoTime() - began) / 1_000_000)));
        }
    }

    /** Waits for the next sample: real time sleeps; a simulated cluster's time moves on at once (unless watched). */
    private void pause(Duration duration) throws InterruptedException {
        if (watch && !(ticker instanceof Ticker.SystemTicker)) {
            Thread.sleep(duration.toMillis());
        }
        ticker.sleep(duration);
    }

    private int write(Collector collector, HostDrivers drivers, PrintWriter out, PrintWriter err) {
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
