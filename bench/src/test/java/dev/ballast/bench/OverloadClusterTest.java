package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Resources;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overload suite's clusters and its greedy yardstick. */
class OverloadClusterTest {

    private static final ClusterSnapshot CLUSTER = OverloadCluster.generate(100, 4, 1);

    @Test
    void exactlyTheHotHostsRunOverTheBuiltInLimitsAt93To101PercentCpu() {
        Placement current = CLUSTER.currentPlacement();
        List<String> over = OverloadCluster.overLimit(CLUSTER, OverloadCluster.BUILT_IN, current);
        Map<String, Resources> load = current.loadByHost(CLUSTER);

        assertThat(CLUSTER.vms()).hasSize(1_100);
        assertThat(over).hasSize(4);
        for (String name : over) {
            Host host = CLUSTER.host(name).orElseThrow();
            assertThat(load.get(name).cpu() / host.capacity().cpu()).as(name).isBetween(0.93 - 1e-9, 1.01 + 1e-9);
        }
    }

    @Test
    void theSameSeedGivesTheSameCluster() {
        assertThat(OverloadCluster.generate(100, 4, 1).vms()).isEqualTo(CLUSTER.vms());
    }

    @Test
    void theGreedyReliefBringsEveryHostWithinItsLimitsAndMovesOnlyVmsOfHotHosts() {
        var policy = Policies.builtIn("relieve", Goals.registry());
        List<String> hot = OverloadCluster.overLimit(CLUSTER, policy.limits(), CLUSTER.currentPlacement());

        Placement relieved = GreedyReliefBaseline.place(CLUSTER, policy);

        assertThat(OverloadCluster.overLimit(CLUSTER, policy.limits(), relieved)).isEmpty();
        assertThat(CLUSTER.vms()).filteredOn(vm -> !vm.host().equals(relieved.hostOf(vm.name())))
                .isNotEmpty().allMatch(vm -> hot.contains(vm.host()));
    }
}
