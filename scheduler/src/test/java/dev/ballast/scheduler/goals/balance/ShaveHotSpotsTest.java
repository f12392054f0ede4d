package dev.ballast.scheduler.goals.balance;

import static dev.ballast.scheduler.Clusters.balance;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.pinned;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Power;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Utilisation;
import dev.ballast.model.Vm;
import dev.ballast.rules.HardRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class ShaveHotSpotsTest {

    /** a runs 6 of the cluster's 6 cores: the mean is 12.5%, so a host may run 16.5% (2.64 cores). */
    private static ClusterSnapshot oneHotHost(Vm... onA) {
        return new ClusterSnapshot(List.of(host("a"), host("b"), host("c")), List.of(onA), List.of());
    }

    private static final Vm[] SIX_CORES_ON_A = {
        vm("big-1", "a", 1, 2), vm("big-2", "a", 1, 2), vm("small-1", "a", 1, 1), vm("small-2", "a", 1, 1)};

    @Test
    void movesTheFewestVmsThatCoolTheHotHost() {
        ClusterSnapshot snapshot = oneHotHost(SIX_CORES_ON_A);

        Placement shaved = shave(snapshot, balance()).orElseThrow();

        assertThat(moved(snapshot, shaved)).containsExactlyInAnyOrder("big-1", "big-2");
        assertThat(shaved.hostOf("big-1")).isNotEqualTo(shaved.hostOf("big-2"));
        assertWithinTolerance(snapshot, balance(), shaved);
    }

    @Test
    void leavesPinnedVmsWhereTheyAre() {
        ClusterSnapshot snapshot = oneHotHost(pinned("big-1", "a", 1, 2), pinned("big-2", "a", 1, 2),
                vm("small-1", "a", 1, 1), vm("small-2", "a", 1, 1));

        Placement shaved = shave(snapshot, balance()).orElseThrow();

        assertThat(moved(snapshot, shaved)).containsExactlyInAnyOrder("small-1", "small-2");
    }

    @Test
    void stopsAtThePolicysMigrationCap() {
        ClusterSnapshot snapshot = oneHotHost(SIX_CORES_ON_A);

        Placement shaved = shave(snapshot, balance().withMaxMigrations(1)).orElseThrow();

        assertThat(moved(snapshot, shaved)).hasSize(1);
    }

    /**
     * Every host's memory is full, so no VM can move alone; swapping a busy VM of the hot host
     * with an idle one of the same size cools it.
     */
    @Test
    void swapsWhenNoHostHasRoomForAVmAlone() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b"), host("c")), List.of(
                vm("busy-1", "a", 30, 4), vm("busy-2", "a", 30, 4),
                vm("idle-1", "b", 30, 0.5), vm("idle-2", "b", 30, 0.5),
                vm("idle-3", "c", 30, 0.5), vm("idle-4", "c", 30, 0.5)), List.of());
        Policy policy = withTolerance(balance(), new Tolerance(0.1, 0.5, 0.5));

        Placement shaved = shave(snapshot, policy).orElseThrow();

        assertThat(moved(snapshot, shaved)).hasSize(2);
        assertThat(HardRules.check(snapshot, policy, shaved)).isEmpty();
        assertWithinTolerance(snapshot, policy, shaved);
    }

    @Test
    void makesNoSwapWhenThePolicysCapAllowsOneMigration() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b"), host("c")), List.of(
                vm("busy-1", "a", 30, 4), vm("busy-2", "a", 30, 4),
                vm("idle-1", "b", 30, 0.5), vm("idle-2", "b", 30, 0.5),
                vm("idle-3", "c", 30, 0.5), vm("idle-4", "c", 30, 0.5)), List.of());
        Policy policy = withTolerance(balance(), new Tolerance(0.1, 0.5, 0.5)).withMaxMigrations(1);

        Placement shaved = shave(snapshot, policy).orElseThrow();

        assertThat(moved(snapshot, shaved)).isEmpty();
    }

    /**
     * A 6-core VM is hot on any 16-core host; only the 32-core host can take it, once the small
     * VMs there have gone to the others.
     */
    @Test
    void aBigVmEndsOnTheOnlyHostLargeEnoughForIt() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("medium"), large("large"), host("e1"), host("e2")),
                List.of(vm("big", "medium", 4, 6), vm("s1", "large", 1, 1), vm("s2", "large", 1, 1),
                        vm("s3", "large", 1, 1), vm("s4", "large", 1, 1), vm("s5", "large", 1, 1),
                        vm("s6", "large", 1, 1)), List.of());
        Policy policy = withTolerance(balance(), new Tolerance(0.04, 0.5, 0.5));

        Placement shaved = shave(snapshot, policy).orElseThrow();

        assertThat(shaved.hostOf("big")).isEqualTo("large");
        assertThat(HardRules.check(snapshot, policy, shaved)).isEmpty();
        assertWithinTolerance(snapshot, policy, shaved);
    }

    @Test
    void leavesNewVmsToTheSolver() {
        ClusterSnapshot snapshot = oneHotHost(vm("big-1", "a", 1, 2), vm("new", null, 1, 1));

        assertThat(shave(snapshot, balance())).isEmpty();
    }

    private static Host large(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(32, 131_072, 10_000),
                new MigrationLink("198.18.0.2", 100_000), Set.of("nfs-vms"), Set.of("virbr0"),
                new CpuInfo("x86_64", "Icelake-Server"), new Power(200, 600), null);
    }

    private static List<String> moved(ClusterSnapshot snapshot, Placement placement) {
        return snapshot.vms().stream().filter(vm -> !vm.host().equals(placement.hostOf(vm.name()))).map(Vm::name)
                .toList();
    }

    private static void assertWithinTolerance(ClusterSnapshot snapshot, Policy policy, Placement placement) {
        for (Resource resource : Resource.values()) {
            Utilisation u = Utilisation.of(snapshot, placement, resource);
            assertThat(u.max() - u.mean()).as(resource.key()).isLessThanOrEqualTo(((BalanceSettings) policy.settings()).tolerance().get(resource) + 1e-9);
        }
    }

    /** The greedy balance with the thresholds the balance goal computes for the solver too. */
    static java.util.Optional<Placement> shave(ClusterSnapshot snapshot, Policy policy) {
        return ShaveHotSpots.place(snapshot, policy,
                HotSpots.of(snapshot, ((BalanceSettings) policy.settings()).tolerance()));
    }

    static Policy withTolerance(Policy policy, Tolerance tolerance) {
        return policy.withSettings(((BalanceSettings) policy.settings()).withTolerance(tolerance));
    }
}
