package dev.ballast.scheduler.goals.consolidate;

import static dev.ballast.scheduler.Clusters.consolidate;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.pinned;
import static dev.ballast.scheduler.Clusters.vm;
import static dev.ballast.scheduler.Clusters.withoutPower;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.HardRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/**
 * Hosts of 16 cores and 64 GiB at 150 W; the policy's limits leave 60.8 GiB of each. A host kept
 * on costs 150,000; a GiB migrated costs 100.
 */
class KeepAndDrainTest {

    private static Placement drain(ClusterSnapshot snapshot, Policy policy) {
        Placement placement = KeepAndDrain.place(snapshot, policy,
                new ConsolidatePrices(snapshot, policy, ConsolidateSettings.DEFAULTS)).orElseThrow();
        assertThat(HardRules.check(snapshot, policy, placement)).isEmpty();
        return placement;
    }

    private static Set<String> moved(ClusterSnapshot snapshot, Placement placement) {
        return Set.copyOf(snapshot.vms().stream().filter(vm -> !placement.hostOf(vm.name()).equals(vm.host()))
                .map(Vm::name).toList());
    }

    @Test
    void theBusiestHostsAreKeptAndOnlyTheVmsOfTheOthersMove() {
        // 82 GiB in all: two hosts hold it. h1 (40) and h2 (30) are the busiest, and take h3's
        // 8 GiB and h4's 4 GiB.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2"), host("h3"), host("h4")),
                List.of(vm("a", "h1", 40, 1), vm("b", "h2", 30, 1), vm("c", "h3", 8, 1), vm("d", "h4", 4, 1)),
                List.of());

        Placement placement = drain(snapshot, consolidate());

        assertThat(placement.usedHosts()).containsExactlyInAnyOrder("h1", "h2");
        assertThat(moved(snapshot, placement)).containsExactlyInAnyOrder("c", "d");
    }

    @Test
    void eachVmGoesToTheKeptHostItFillsMostTightly() {
        // h1 has 20.8 GiB left, h2 30.8: the 20 GiB VM fills h1 to the brim, and h2 keeps the room.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 40, 1), vm("b", "h2", 30, 1), vm("c", "h3", 20, 1)), List.of());

        assertThat(drain(snapshot, consolidate()).hostOf("c")).isEqualTo("h1");
    }

    @Test
    void theHostsWithTheMostCapacityPerWattAreKept() {
        // The large host offers 121.6 GiB for 200 W, a small one 60.8 GiB for 150 W: the nearly
        // idle large host is kept, and the two half-full small ones are emptied into it.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(large("big", new Power(200, 500)), host("s1"), host("s2")),
                List.of(vm("a", "big", 2, 1), vm("b", "s1", 30, 1), vm("c", "s2", 30, 1)), List.of());

        assertThat(drain(snapshot, consolidate()).usedHosts()).containsExactly("big");
    }

    @Test
    void withoutPowerFiguresTheLargerHostIsStillKept() {
        // Every host is assumed to idle at 150 W: capacity per watt still favours the large one.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(large("big", null), withoutPower(host("s1")), withoutPower(host("s2"))),
                List.of(vm("a", "big", 2, 1), vm("b", "s1", 30, 1), vm("c", "s2", 30, 1)), List.of());

        assertThat(drain(snapshot, consolidate()).usedHosts()).containsExactly("big");
    }

    @Test
    void aHostWhoseVmsCostMoreToMoveThanItsPowerStaysOn() {
        // At a migration weight of 1,000, h2's 4 GiB cost 400,000 to move, more than the 150,000
        // its power costs: it stays on, though h1 has room for it.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 30, 1), vm("b", "h2", 4, 1)), List.of());

        Placement placement = drain(snapshot, consolidate().withMigrationWeight(1000));

        assertThat(moved(snapshot, placement)).isEmpty();
    }

    @Test
    void aHostWithAPinnedVmStaysOnAndTakesTheOthers() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 30, 1), pinned("p", "h2", 2, 1)), List.of());

        Placement placement = drain(snapshot, consolidate());

        assertThat(placement.usedHosts()).containsExactly("h2");
        assertThat(moved(snapshot, placement)).containsExactly("a");
    }

    @Test
    void aHostInMaintenanceIsEmptied() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2", HostState.MAINTENANCE)),
                List.of(vm("a", "h1", 4, 1), vm("b", "h2", 50, 1)), List.of());

        assertThat(drain(snapshot, consolidate()).usedHosts()).containsExactly("h1");
    }

    @Test
    void aKeptHostOverALimitShedsItsLargestVm() {
        // h1 runs 15 cores, over its 13.6: its 8-core VM goes to h2, and both stay on, since
        // the 16 cores in all need two hosts' 13.6.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 8, 8), vm("b", "h1", 4, 7), vm("c", "h2", 4, 1)), List.of());

        Placement placement = drain(snapshot, consolidate());

        assertThat(moved(snapshot, placement)).containsExactly("a");
        assertThat(placement.hostOf("a")).isEqualTo("h2");
    }

    @Test
    void whenTheKeptHostsHaveNoRoomTheNextHostIsKeptWithItsVms() {
        // 120 GiB in all would fill two hosts' 121.6, but no two 40 GiB VMs share one: all three
        // hosts stay on, and nothing moves.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 40, 1), vm("b", "h2", 40, 1), vm("c", "h3", 40, 1)), List.of());

        Placement placement = drain(snapshot, consolidate());

        assertThat(placement.usedHosts()).hasSize(3);
        assertThat(moved(snapshot, placement)).isEmpty();
    }

    private static Host large(String name, Power power) {
        Host small = host(name);
        return new Host(name, HostState.ACTIVE, new Resources(32, 131_072, 10_000), small.migrationLink(),
                small.storage(), small.bridges(), small.cpu(), power, null);
    }
}
