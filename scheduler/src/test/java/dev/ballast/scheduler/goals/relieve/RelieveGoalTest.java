package dev.ballast.scheduler.goals.relieve;

import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.pinned;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.model.VmStep;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Relieve on hand-made clusters of 16-core, 64 GiB hosts under limits of 85% CPU (13.6 cores),
 * 95% memory and 80% network.
 */
class RelieveGoalTest {

    static final Policy RELIEVE = new Policy("relieve", new Limits(0.85, 0.95, 0.8), null, RelieveSettings.DEFAULTS);

    /** a runs 15 cores, 1.4 over its limit; b runs 10 and c 4, both within theirs. */
    private static ClusterSnapshot aOverByOnePointFourCores() {
        return new ClusterSnapshot(List.of(host("a"), host("b"), host("c")), List.of(
                vm("a-8g", "a", 8, 2), vm("a-2g", "a", 2, 2), vm("a-4g", "a", 4, 3), vm("a-big", "a", 16, 8),
                vm("b-1", "b", 4, 5), vm("b-2", "b", 4, 5),
                vm("c-1", "c", 4, 4)), List.of());
    }

    @Test
    void movesOnlyTheCheapestVmThatBringsTheHostWithinItsLimit() {
        ClusterSnapshot snapshot = aOverByOnePointFourCores();

        Placement relieved = greedy(snapshot, RELIEVE);

        // a-2g, a-8g, a-4g and a-big each relieve a alone; a-2g copies least.
        assertThat(moved(snapshot, relieved)).containsExactly("a-2g");
    }

    @Test
    void sendsTheVmWhereItLeavesTheCoolestHost() {
        ClusterSnapshot snapshot = aOverByOnePointFourCores();

        Placement relieved = greedy(snapshot, RELIEVE);

        // b would run 12 of 13.6 cores after; c 6.
        assertThat(relieved.hostOf("a-2g")).isEqualTo("c");
    }

    @Test
    void ofVmsOfTheSameMemoryMovesTheOneThatDirtiesLeast() {
        Vm busy = withDirtyRate(vm("busy", "a", 4, 2), 400);
        Vm quiet = withDirtyRate(vm("quiet", "a", 4, 2), 5);
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b")),
                List.of(busy, quiet, vm("a-rest", "a", 8, 11)), List.of());

        assertThat(moved(snapshot, greedy(snapshot, RELIEVE))).containsExactly("quiet");
    }

    @Test
    void whenNoOneVmIsEnoughMovesTheCheapestTwoThatAre() {
        // a runs 16 cores, 2.4 over, and its 10-core VM is pinned: no VM of 2 cores is enough, two
        // are; the two smallest go.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b"), host("c")), List.of(
                vm("a-2c-16g", "a", 16, 2), vm("a-2c-2g", "a", 2, 2), vm("a-2c-4g", "a", 4, 2),
                pinned("a-10c", "a", 8, 10)), List.of());

        Placement relieved = greedy(snapshot, RELIEVE);

        assertThat(moved(snapshot, relieved)).containsExactlyInAnyOrder("a-2c-2g", "a-2c-4g");
    }

    @Test
    void emptiesAHostInMaintenanceAndMovesNothingElse() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a", HostState.MAINTENANCE), host("b"), host("c")),
                List.of(vm("a-1", "a", 4, 1), vm("a-2", "a", 4, 1), vm("b-1", "b", 8, 8), vm("c-1", "c", 2, 1)),
                List.of());

        Placement relieved = greedy(snapshot, RELIEVE);

        assertThat(moved(snapshot, relieved)).containsExactlyInAnyOrder("a-1", "a-2");
        assertThat(relieved.hostOf("a-1")).isEqualTo("c");
    }

    @Test
    void aHostToEmptyWhoseVmFitsNowhereIsNamedWithIt() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b", HostState.MAINTENANCE)),
                List.of(vm("a-1", "a", 40, 1), vm("b-1", "b", 40, 1), vm("b-2", "b", 4, 1)), List.of());
        Objective relieve = RelieveGoal.objective(snapshot, RELIEVE);

        Placement relieved = greedy(snapshot, RELIEVE);

        assertThat(moved(snapshot, relieved)).containsExactly("b-2");
        assertThat(relieve.unresolved(relieved)).containsExactly(
                entry("b", "no other host has room within the limits for the VMs it must give up (b-1)"));
    }

    @Test
    void aClusterWithinItsLimitsIsLeftAsItIs() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b")),
                List.of(vm("a-1", "a", 4, 13), vm("a-2", "a", 4, 0.5)), List.of());
        Objective relieve = RelieveGoal.objective(snapshot, RELIEVE);

        assertThat(moved(snapshot, greedy(snapshot, RELIEVE))).isEmpty();
        assertThat(relieve.tooSmall(snapshot.currentPlacement(), List.of())).hasValue(
                "no host is over a limit or must be emptied: nothing to relieve");
    }

    @Test
    void measuresTheExcessInSharesOfAHostsCapacity() {
        ClusterSnapshot snapshot = aOverByOnePointFourCores();
        Objective relieve = RelieveGoal.objective(snapshot, RELIEVE);

        // 1.4 cores over, of 16.
        assertThat(relieve.measure(snapshot.currentPlacement())).isCloseTo(1.4 / 16, within(1e-9));
        assertThat(relieve.measure(greedy(snapshot, RELIEVE))).isZero();
    }

    @Test
    void ofVmsThatCostTheSameMovesTheOneThatLeavesItsDestinationCoolest() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("b"), host("c")), List.of(
                vm("b-1", "b", 4, 8), vm("b-2", "b", 4, 7), vm("c-1", "c", 2, 1)), List.of());

        // Either relieves b; c runs 8 cores with b-2, 9 with b-1.
        assertThat(moved(snapshot, greedy(snapshot, RELIEVE))).containsExactly("b-2");
    }

    @Test
    void aHostWhoseVmsArePinnedIsNamedAndTheOthersAreRelievedAllTheSame() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b"), host("c")), List.of(
                pinned("a-1", "a", 4, 8), pinned("a-2", "a", 4, 7),
                vm("b-1", "b", 4, 8), vm("b-2", "b", 4, 7),
                vm("c-1", "c", 2, 1)), List.of());
        Objective relieve = RelieveGoal.objective(snapshot, RELIEVE);

        Placement relieved = greedy(snapshot, RELIEVE);

        assertThat(moved(snapshot, relieved)).containsExactly("b-2");
        assertThat(relieve.unresolved(relieved)).containsExactly(
                entry("a", "every VM whose leaving would relieve it is pinned (a-1, a-2)"));
    }

    @Test
    void aHostWhoseVmsFitNowhereWithinTheLimitsIsNamedWithThatReason() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b")), List.of(
                vm("a-1", "a", 4, 8), vm("a-2", "a", 4, 7), vm("b-1", "b", 4, 13)), List.of());
        Objective relieve = RelieveGoal.objective(snapshot, RELIEVE);

        Placement relieved = greedy(snapshot, RELIEVE);

        assertThat(moved(snapshot, relieved)).isEmpty();
        assertThat(relieve.unresolved(relieved)).containsExactly(
                entry("a", "no other host has room within the limits for any VM whose leaving would relieve it (a-1, a-2)"));
    }

    @Test
    void aHostWhoseVmsOtherHostsRefuseIsNamedWithTheRules() {
        Vm onlyOnA = new Vm("a-1", "a", 4096, 8, new Demand(8, 10), 20.0, "nfs-a", Set.of("virbr0"), false);
        Vm alsoOnlyOnA = new Vm("a-2", "a", 4096, 7, new Demand(7, 10), 20.0, "nfs-a", Set.of("virbr0"), false);
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b")),
                List.of(onlyOnA, alsoOnlyOnA), List.of());

        assertThat(RelieveGoal.objective(snapshot, RELIEVE).unresolved(snapshot.currentPlacement())).containsExactly(
                entry("a", "no other host may take any VM whose leaving would relieve it (a-1, a-2); refused by"
                        + " storage (2 times)"));
    }

    @Test
    void thePlannerMovesOnlyWhatRelievesAndNoMoreThanTheGreedyStart() throws Exception {
        ClusterSnapshot snapshot = aOverByOnePointFourCores();

        MigrationPlan plan = new Planner(new SolverSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1L))
                .plan(snapshot, RELIEVE.withName("relieve"));

        assertThat(plan.steps()).hasSize(1);
        VmStep step = (VmStep) plan.steps().get(0);
        assertThat(step.vm()).isEqualTo("a-2g");
        assertThat(step.to()).isEqualTo("c");
    }

    static Placement greedy(ClusterSnapshot snapshot, Policy policy) {
        return RelieveGoal.objective(snapshot, policy).startingPoints().get("greedy relief").orElseThrow();
    }

    static List<String> moved(ClusterSnapshot snapshot, Placement placement) {
        return snapshot.vms().stream().filter(vm -> !vm.host().equals(placement.hostOf(vm.name()))).map(Vm::name)
                .toList();
    }

    private static Vm withDirtyRate(Vm vm, double rate) {
        return new Vm(vm.name(), vm.host(), vm.memoryMiB(), vm.vcpus(), vm.demand(), rate, vm.storage(),
                vm.bridges(), vm.pinned());
    }
}
