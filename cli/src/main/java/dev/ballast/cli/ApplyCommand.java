package dev.ballast.cli;

import dev.ballast.executor.MigrationSettings;
import dev.ballast.executor.PlanExecutor;
import dev.ballast.executor.RunReport;
import dev.ballast.executor.Sleeper;
import dev.ballast.executor.TerminalListener;
import dev.ballast.collector.Collector;
import dev.ballast.formats.InputException;
import dev.ballast.hosts.simulated.Ticker;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.formats.ClusterConfigReader;
import dev.ballast.formats.PlanReader;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ballast apply PLAN --cluster FILE}: runs a plan's steps on the cluster (libvirt hosts, or
 * a simulated cluster whose new state is then written beside its file), one at
 * a time, after checking it against a fresh snapshot; see docs/executor.md. The run report goes
 * to stdout, progress and step lines to stderr.
 */
@Command(name = "apply",
        mixinStandardHelpOptions = true,
        description = {"Runs a plan's steps (live migrations, host power) one at a time, through libvirt or on a",
            "simulated cluster. Checks the plan against a fresh snapshot first, pre-flights every step on",
            "the live hosts, journals every step to disk, and stops at the first step that fails (but for",
            "a power-off: a host that cannot be switched off stays on and the run goes on)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every step ran or was skipped by its pre-flight (or --dry-run)",
            "1:a migration or power-on failed or was aborted, the plan does not hold on the cluster, or the operator"
                    + " said no",
            "2:bad input: a file, an option, an argument, or no terminal to confirm on without --yes"})
final class ApplyCommand extends Subcommand {


    @Parameters(paramLabel = "PLAN", description = "A ballast/v1 MigrationPlan, as ballast plan --output writes it.")
    Path planFile;

    @Mixin
    ClusterOption clusterOption;

    @Mixin
    PlanPolicyOption policyOption;

    @Option(names = "--dry-run", description = "Check the plan and print what would run; move nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Where steps are journaled (default: next to the plan, PLAN.journal.jsonl).")
    Path journalFile;

    @Option(names = "--step-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Abort a migration still running after this long (default 10m).")
    Duration stepTimeout;

    @Option(names = "--power-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Fail a power step whose host is not off, or does not answer, this long after it was"
                    + " switched (default 10m).")
    Duration powerTimeout;

    @Option(names = "--bandwidth", paramLabel = "MiB/s", description = "Cap each migration's stream (default: no cap).")
    Long bandwidth;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Parallel connections per migration (default 1).")
    int parallel;

    @Option(names = "--max-downtime", paramLabel = "MS", description = "Longest pause for the final copy (default QEMU's, 300 ms).")
    Long maxDowntime;

    @Option(names = "--auto-converge", description = "Let QEMU throttle a guest that dirties memory too fast.")
    boolean autoConverge;

    @Option(names = "--post-copy-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Switch a migration to post-copy once it has run this long (default never).")
    Duration postCopyAfter;

    @Option(names = "--snapshot-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between the two samples of the fresh snapshot (default 1s).")
    Duration snapshotInterval;


    @Override
    int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        checkOptions(problems);
        MigrationPlan plan = Inputs.read(() -> PlanReader.read(planFile), problems);
        ClusterConfig cluster = Inputs.read(() -> ClusterConfigReader.read(clusterOption.file), problems);
        Policy policy = policyOption.of(plan, planFile, problems);
        Console console = System.console();
        if (!yes && !dryRun && console == null) {
            problems.add("no terminal to confirm on: pass --yes to run the plan without confirmation");
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }
        HostDrivers drivers;
        try {
            drivers = HostDrivers.of(cluster, clusterOption.file, Ticker.system());
        } catch (InputException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        drivers.startedFrom().ifPresent(from -> err.println("simulated cluster, started from " + from));
        MigrationSettings settings = new MigrationSettings(bandwidth, parallel, maxDowntime, autoConverge,
                postCopyAfter, stepTimeout, MigrationSettings.DEFAULT_POLL_INTERVAL).withPowerTimeout(powerTimeout);
        Path journal = journalFile != null ? journalFile : defaultJournal(planFile);
        PlanExecutor.Request request = new PlanExecutor.Request(planFile, plan, policy, drivers.cluster(), settings,
                journal, dryRun, yes);
        Clock clock = Clock.systemUTC();
        PlanExecutor executor = new PlanExecutor(clock, Sleeper.system(), drivers.readWrite(),
                () -> freshSnapshot(drivers, clock, err));
        RunReport report;
        try {
            report = executor.run(request, question -> confirm(console, question),
                    List.of(new TerminalListener(out, err, console != null)));
        } catch (PlanExecutor.BadInput e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (!dryRun) {
            saveSimulatedState(drivers, err);
        }
        return switch (report.outcome()) {
            case COMPLETED, DRY_RUN -> ExitCodes.OK;
            case STOPPED, REFUSED, DECLINED -> ExitCodes.FAILED;
        };
    }

    /** Two samples of the cluster {@code --snapshot-interval} apart (rates need two), each host's status on stderr. */
    private ClusterSnapshot freshSnapshot(HostDrivers drivers, Clock clock, PrintWriter err)
            throws InterruptedException {
        try (Collector collector = new Collector(drivers.cluster(), clock, drivers.readOnly())) {
            collector.sample();
            Thread.sleep(snapshotInterval.toMillis());
            collector.sample();
            collector.status().forEach(err::println);
            err.flush();
            return collector.snapshot();
        }
    }

    /** A simulated cluster's new state goes beside its cluster file, for the next command. */
    private static void saveSimulatedState(HostDrivers drivers, PrintWriter err) {
        try {
            drivers.saveState().ifPresent(file -> {
                ClusterSnapshot now = drivers.simulation().orElseThrow().snapshot();
                long on = now.hosts().stream().filter(h -> h.state() != HostState.STANDBY).count();
                err.println("simulated cluster: " + now.vms().size() + " VMs on " + on + " hosts switched on ("
                        + (now.hosts().size() - on) + " off); state written to " + file
                        + ", where the next collect starts");
            });
        } catch (IOException e) {
            err.println("cannot write the simulated cluster's state: " + e.getMessage());
        }
        err.flush();
    }

    private void checkOptions(List<String> problems) {
        if (parallel < 1) {
            problems.add("--parallel " + parallel + ": at least 1");
        }
        if (bandwidth != null && bandwidth < 1) {
            problems.add("--bandwidth " + bandwidth + ": at least 1 MiB/s");
        }
        if (maxDowntime != null && maxDowntime < 1) {
            problems.add("--max-downtime " + maxDowntime + ": at least 1 ms");
        }
    }

    private static boolean confirm(Console console, String question) {
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    }

    /** {@code plan.json} journals to {@code plan.journal.jsonl} beside it. */
    static Path defaultJournal(Path plan) {
        String name = plan.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return plan.resolveSibling(stem + ".journal.jsonl");
    }


}
