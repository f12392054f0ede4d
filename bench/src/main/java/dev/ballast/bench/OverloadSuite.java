package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Utilisation;
import dev.ballast.model.Vm;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.goals.balance.BalanceSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The overload suite: {@link OverloadCluster}s of 100 hosts (4 hot) and 1,000 hosts (10 hot),
 * each planned with the built-in {@code relieve} and with the built-in {@code balance} at each
 * aggressiveness level, and measured against {@link GreedyReliefBaseline}: migrations, GiB, hosts
 * over a limit after, spread of CPU after.
 */
final class OverloadSuite {

    static final String NAME = "overload";

    private static final int[][] SIZES = {{100, 4}, {1_000, 10}};
    private static final Duration TIME_LIMIT = Duration.ofSeconds(30);

    private OverloadSuite() {
    }

    static List<BenchCase> cases(long seed) {
        List<BenchCase> cases = new ArrayList<>();
        for (int[] size : SIZES) {
            int hosts = size[0];
            int hot = size[1];
            String cluster = hosts + "-hosts-" + hot + "-hot-";
            BenchCase.Source source = () -> OverloadCluster.generate(hosts, hot, seed);
            cases.add(BenchCase.overload(NAME, cluster + "relieve", source, builtIn("relieve"), TIME_LIMIT));
            for (int level = 1; level <= 5; level++) {
                cases.add(BenchCase.overload(NAME, cluster + "balance-" + level, source, balanceAt(level), TIME_LIMIT));
            }
        }
        return cases;
    }

    /** The built-in balance policy at an aggressiveness level, named {@code balance-N}. */
    static Policy balanceAt(int level) {
        Policy balance = builtIn("balance");
        return balance.withName("balance-" + level)
                .withSettings(((BalanceSettings) balance.settings()).withAggressiveness(level));
    }

    private static Policy builtIn(String name) {
        return Policies.builtIn(name, Goals.registry());
    }

    /** The figures before planning, with the greedy relief done. */
    static OverloadFigures before(ClusterSnapshot snapshot, Policy policy) {
        Placement current = snapshot.currentPlacement();
        Placement greedy = GreedyReliefBaseline.place(snapshot, policy);
        return new OverloadFigures(over(snapshot, policy, current), null, cpuSpreadPoints(snapshot, current), null,
                migrations(snapshot, greedy), gibMoved(snapshot, greedy), over(snapshot, policy, greedy));
    }

    /** The figures with the plan's placement; the same as before when no plan came back. */
    static OverloadFigures after(OverloadFigures before, ClusterSnapshot snapshot, Policy policy, Placement plan) {
        if (before == null || plan == null) {
            return before;
        }
        return new OverloadFigures(before.hostsOverBefore(), over(snapshot, policy, plan),
                before.cpuSpreadBeforePoints(), cpuSpreadPoints(snapshot, plan), before.greedyMigrations(),
                before.greedyGibMoved(), before.greedyHostsOverAfter());
    }

    private static int over(ClusterSnapshot snapshot, Policy policy, Placement placement) {
        return OverloadCluster.overLimit(snapshot, policy.limits(), placement).size();
    }

    private static double cpuSpreadPoints(ClusterSnapshot snapshot, Placement placement) {
        return 100 * Utilisation.of(snapshot, placement, Resource.CPU).stdDev();
    }

    private static int migrations(ClusterSnapshot snapshot, Placement placement) {
        return (int) snapshot.vms().stream().filter(vm -> moved(vm, placement)).count();
    }

    private static double gibMoved(ClusterSnapshot snapshot, Placement placement) {
        return snapshot.vms().stream().filter(vm -> moved(vm, placement)).mapToLong(Vm::memoryMiB).sum() / 1024.0;
    }

    private static boolean moved(Vm vm, Placement placement) {
        return vm.host() != null && !vm.host().equals(placement.hostOf(vm.name()));
    }
}
