package dev.ballast.cli;

import dev.ballast.formats.InputException;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.rules.Policies;
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

import java.io.PrintWriter;
import java.time.Duration;
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
            "with the built-in policies balance and consolidate, and shows what each would do."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:both plans made", "1:a policy found no feasible placement", "2:bad option"})
final class DemoCommand implements Callable<Integer> {

    static final List<String> POLICIES = List.of("balance", "consolidate");

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
        for (String name : POLICIES) {
            Policy policy = Policies.resolve(name, Goals.registry());
            out.println("=== " + name + " " + "=".repeat(Math.max(3, 72 - name.length())));
            out.flush();
            try {
                MigrationPlan plan = new Planner(settings()).plan(cluster, policy);
                out.println(PlanTextRenderer.render(PlanView.of(cluster, policy, plan), PlanTextRenderer.HOST_ROWS, 15));
            } catch (NoFeasiblePlacementException e) {
                Reasons.print(err, policy, e);
                err.flush();
                return ExitCodes.FAILED;
            }
        }
        out.println("Plan your own cluster: ballast plan --snapshot FILE --policy balance|consolidate|FILE");
        out.flush();
        return ExitCodes.OK;
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
