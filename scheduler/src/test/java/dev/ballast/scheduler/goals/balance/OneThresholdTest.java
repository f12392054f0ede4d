package dev.ballast.scheduler.goals.balance;

import static dev.ballast.scheduler.Clusters.balance;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Placement;
import dev.ballast.model.Resources;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.scheduler.solver.Pricing;
import dev.ballast.scheduler.solver.ProblemBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The solver's hot-spot prices and the greedy {@link ShaveHotSpots} see the same hot hosts: both
 * take their thresholds from one {@link HotSpots}. Once they drifted: the solver's mean counted
 * every VM, the greedy one only those on active hosts, so a VM on a host in maintenance moved the
 * one threshold and not the other.
 */
class OneThresholdTest {

    /** a runs 6 cores, b 2, c nothing; m, in maintenance, still runs 4 that will land on a, b or c. */
    private static final ClusterSnapshot CLUSTER = new ClusterSnapshot(
            List.of(host("a"), host("b"), host("c"), host("m", HostState.MAINTENANCE)),
            List.of(vm("a-1", "a", 1, 3), vm("a-2", "a", 1, 3), vm("b-1", "b", 1, 2), vm("m-1", "m", 1, 4)),
            List.of());

    @Test
    void theSolverAndTheGreedyStartSeeTheSameHotHosts() {
        HotSpots hotSpots = HotSpots.of(CLUSTER, BalanceSettings.DEFAULT_TOLERANCE);
        Pricing prices = new BalanceGoal().on(CLUSTER, balance()).prices();
        Placement now = CLUSTER.currentPlacement();

        assertThat(solverHotHosts(prices, now)).isEqualTo(hotSpots.hotHosts(CLUSTER, now)).containsExactly("a");
    }

    @Test
    void theMeanIsAllTheLoadOverTheActiveCapacity() {
        // 12 cores of VMs over the 3 active hosts' 48: 25%, the VM on the maintenance host included.
        HotSpots hotSpots = HotSpots.of(CLUSTER, BalanceSettings.DEFAULT_TOLERANCE);

        assertThat(hotSpots.mean(dev.ballast.model.Resource.CPU))
                .isEqualTo(12.0 / (3 * host("a").capacity().cpu()));
    }

    /** The hosts whose load the solver charges a hot-spot price for, as {@link ProblemBuilder} prices them. */
    private static List<String> solverHotHosts(Pricing prices, Placement placement) {
        Map<String, Resources> load = placement.loadByHost(CLUSTER);
        return CLUSTER.hosts().stream().filter(Host::isActive).filter(host -> {
            PlanningHost planning = new PlanningHost(host.name(), true, 0, 0, 0, host.storage(), host.bridges(),
                    prices.forHost(host)).withHotSpot(prices.hotSpotFor(host));
            Resources used = load.getOrDefault(host.name(), Resources.ZERO);
            return planning.hotSpotPrice(Math.round(used.cpu() * 1000), used.memoryMiB(),
                    Math.round(used.networkMbps() * 1000)) > 0;
        }).map(Host::name).toList();
    }
}
