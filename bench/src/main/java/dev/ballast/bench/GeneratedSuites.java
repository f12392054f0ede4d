package dev.ballast.bench;

import dev.ballast.model.Policy;
import dev.ballast.policies.Policies;
import dev.ballast.simulator.ClusterGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The suites of simulated clusters, each reproducible from the seed and planned with the
 * built-in policies: {@code generated} (mixed clusters of 100, 1,000 and 5,000 hosts with 10 VMs
 * per host, both goals), {@code identical-consolidation}, {@code balance-1000} and {@code scale}.
 * Their time limits are the targets.
 */
final class GeneratedSuites {

    static final String GENERATED = "generated";
    static final String IDENTICAL = "identical-consolidation";
    static final String BALANCE = "balance-1000";
    static final String SCALE = "scale";

    private static final int[] GENERATED_HOSTS = {100, 1_000, 5_000};
    private static final int VMS_PER_HOST = 10;

    private GeneratedSuites() {
    }

    static List<BenchCase> generated(long seed) {
        List<BenchCase> cases = new ArrayList<>();
        for (int hosts : GENERATED_HOSTS) {
            for (String goal : Policies.builtInNames()) {
                cases.add(new BenchCase(GENERATED, hosts + "-hosts-" + goal,
                        () -> ClusterGenerator.mixed(hosts, hosts * VMS_PER_HOST, seed), Policies.builtIn(goal),
                        Duration.ofSeconds(60), null));
            }
        }
        return cases;
    }

    static List<BenchCase> identical(long seed) {
        return List.of(new BenchCase(IDENTICAL, "1000-hosts-5000-vms",
                () -> IdenticalHostsCluster.generate(1_000, 5_000, seed), consolidate(), Duration.ofSeconds(60), null));
    }

    static List<BenchCase> balance(long seed) {
        return List.of(new BenchCase(BALANCE, "1000-hosts-10000-vms",
                () -> ClusterGenerator.mixed(1_000, 10_000, seed), Policies.builtIn("balance"),
                Duration.ofSeconds(30), null));
    }

    static List<BenchCase> scale(long seed) {
        return List.of(new BenchCase(SCALE, "5000-hosts-50000-vms",
                () -> ClusterGenerator.mixed(5_000, 50_000, seed), consolidate(), Duration.ofSeconds(120), null));
    }

    private static Policy consolidate() {
        return Policies.builtIn("consolidate");
    }
}
