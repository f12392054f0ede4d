package dev.ballast.cli;

import dev.ballast.formats.InputException;
import dev.ballast.formats.PlanWriter;
import dev.ballast.executor.MigrationSettings;
import dev.ballast.executor.PlanExecutor;
import dev.ballast.executor.RunReport;
import dev.ballast.executor.Sleeper;
import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Host;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.rules.Policies;
import dev.ballast.reports.ComparisonTextRenderer;
import dev.ballast.reports.PlanTextRenderer;
import dev.ballast.reports.PlanView;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.simulator.ClusterGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ballast demo}: plans a built-in simulated cluster with each built-in policy and shows
 * what each would do. Needs no files and touches no hypervisor.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Plans a simulated cluster of 36 hosts and 400 VMs, some hosts hot and some nearly idle,",
            "with the built-in policies relieve, balance and consolidate, shows what each would do and the",
            "three side by side, and carries out the consolidate plan on the simulated cluster, migrations",
            "and power-offs included."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every plan made", "1:a policy found no feasible placement", "2:bad option"})
final class DemoCommand implements Callable<Integer> {

    static final List<String> POLICIES = List.of("relieve", "balance", "consolidate");

    // Short steps keep the demo brisk: the solver stops once it stalls for this long.
    private static final Duration UNIMPROVED = Duration.ofSeconds(3);

    @Spec
    CommandSpec spec;

    // OptionWording.properties says this default in the help.
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    @Mixin
    SearchOptions search;

    @Option(names = "--cluster-seed", paramLabel = "N",
            description = "Generates another cluster of the same shape instead of the built-in one.")
    Long clusterSeed;

    @Override
    public Integer call() throws InputException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterGenerator.Options options = clusterSeed == null
                ? ClusterGenerator.demoOptions() : ClusterGenerator.demoOptions().withSeed(clusterSeed);
        ClusterSnapshot cluster = ClusterGenerator.generate(options);
        out.println(introduction(cluster, options.seed()));
        MigrationPlan plan = null;
        Policy policy = null;
        List<PlanView> views = new ArrayList<>();
        for (String name : POLICIES) {
            policy = Policies.resolve(name, Goals.registry());
            out.println("=== " + name + " " + "=".repeat(Math.max(3, 72 - name.length())));
            out.flush();
            try {
                plan = new Planner(settings()).plan(cluster, policy);
                PlanView view = PlanView.of(cluster, policy, plan);
                views.add(view);
                out.println(PlanTextRenderer.render(view, PlanTextRenderer.HOST_ROWS, 15));
            } catch (NoFeasiblePlacementException e) {
                Reasons.print(err, policy, e);
                err.flush();
                return ExitCodes.FAILED;
            }
        }
        out.println("=== the policies side by side " + "=".repeat(44));
        out.println(ComparisonTextRenderer.render(views));
        carryOut(cluster, policy, plan, out);
        out.println("Plan your own cluster: ballast plan --snapshot FILE --policy relieve|balance|consolidate|FILE");
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Runs the last plan on the cluster, simulated in this process on simulated time: the
     * executor as {@code ballast apply} runs it, migrations taking what the pre-copy model says.
     */
    private static void carryOut(ClusterSnapshot cluster, Policy policy, MigrationPlan plan, PrintWriter out) {
        out.println("=== carrying out the " + policy.name() + " plan on the simulated cluster " + "=".repeat(22));
        ManualTicker ticker = new ManualTicker();
        SimulatedCluster simulated = new SimulatedCluster(cluster, 1, ticker);
        Instant started = ticker.now();
        try {
            Path dir = Files.createTempDirectory("ballast-demo");
            try {
                ClusterConfig config = new ClusterConfig(simulated.hostConfigs(), ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT,
                        null, ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
                // The executor journals against the plan file's digest, as apply does.
                Path planFile = Files.writeString(dir.resolve("plan.json"), PlanWriter.toJson(plan));
                PlanExecutor.Request request = new PlanExecutor.Request(planFile, plan, policy, config,
                        MigrationSettings.defaults(), dir.resolve("plan.journal.jsonl"), false, true);
                RunReport report = new PlanExecutor(ticker.asClock(), Sleeper.following(ticker),
                        host -> simulated.driver(host.name()), simulated::snapshot)
                        .run(request, question -> true, List.of());
                ClusterSnapshot after = simulated.snapshot();
                long on = after.hosts().stream().filter(h -> h.state() != HostState.STANDBY).count();
                long seconds = Duration.between(started, ticker.now()).toSeconds();
                out.printf(Locale.ROOT, "%s: %d steps done, %d skipped, %d failed, in %d min %d s of simulated time;"
                                + " %d VMs now run on %d hosts switched on (%d off).%n",
                        report.outcome().key().toUpperCase(Locale.ROOT), report.getDone(), report.getSkipped(),
                        report.getFailed(), seconds / 60, seconds % 60,
                        after.vms().size(), on, after.hosts().size() - on);
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException | PlanExecutor.BadInput e) {
            out.println("the simulated run could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println();
    }

    private String introduction(ClusterSnapshot cluster, long generatorSeed) {
        Map<Integer, Long> coresCount = cluster.hosts().stream()
                .collect(Collectors.groupingBy(h -> (int) h.capacity().cpu(), TreeMap::new, Collectors.counting()));
        String mix = coresCount.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey() + " cores")
                .collect(Collectors.joining(", "));
        long memoryGiB = cluster.hosts().stream().map(Host::capacity).mapToLong(c -> c.memoryMiB() / 1024).sum();
        return String.format("Ballast demo: a simulated cluster (seed %d) of %d hosts (%s; %d GiB in all),%n"
                        + "%d VMs and %d placement groups, planned with each built-in policy, up to %s each.%n",
                generatorSeed, cluster.hosts().size(), mix, memoryGiB, cluster.vms().size(), cluster.groups().size(),
                DurationConverter.format(search.timeLimitOr(TIME_LIMIT)));
    }

    private SolverSettings settings() {
        Duration timeLimit = search.timeLimitOr(TIME_LIMIT);
        Duration unimproved = UNIMPROVED.compareTo(timeLimit) < 0 ? UNIMPROVED : timeLimit;
        return new SolverSettings(timeLimit, unimproved, search.seed);
    }
}
