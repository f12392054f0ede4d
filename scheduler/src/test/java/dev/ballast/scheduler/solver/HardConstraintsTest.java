package dev.ballast.scheduler.solver;

import static dev.ballast.scheduler.solver.Fixtures.host;
import static dev.ballast.scheduler.solver.Fixtures.hostWith;
import static dev.ballast.scheduler.solver.Fixtures.inactiveHost;
import static dev.ballast.scheduler.solver.Fixtures.moved;
import static dev.ballast.scheduler.solver.Fixtures.vm;

import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.scheduler.domain.MigrationCap;
import dev.ballast.scheduler.domain.PlanningGroup;
import dev.ballast.scheduler.domain.PlanningHost;
import dev.ballast.scheduler.domain.PlanningVm;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

import java.util.Set;

/** The hard rules, each in isolation, and the migration cost: shared by every goal's constraints. */
class HardConstraintsTest {

    private final ConstraintVerifier<HardConstraints, ClusterPlacement> verifier =
            ConstraintVerifier.build(new HardConstraints(), ClusterPlacement.class, PlanningVm.class);

    private final PlanningHost a = host("a", 4_000, 8_192, 1_000_000);
    private final PlanningHost b = host("b", 4_000, 8_192, 1_000_000);

    @Test
    void cpuWithinLimit() {
        // 3 + 2 cores on a host whose limit is 4 cores: 1 core (1000 millicores) over.
        verifier.verifyThat(HardConstraints::cpuWithinLimit)
                .given(vm("v1", 3_000, 1_024, 0, a), vm("v2", 2_000, 1_024, 0, a), vm("v3", 4_000, 1_024, 0, b))
                .penalizesBy(1_000);
    }

    @Test
    void memoryWithinLimit() {
        // 6 + 4 GiB on a host whose limit is 8 GiB: 2048 MiB over.
        verifier.verifyThat(HardConstraints::memoryWithinLimit)
                .given(vm("v1", 100, 6_144, 0, a), vm("v2", 100, 4_096, 0, a), vm("v3", 100, 8_192, 0, b))
                .penalizesBy(2_048);
    }

    @Test
    void networkWithinLimit() {
        // 700 + 500 Mb/s on a 1 Gb/s limit: 200 Mb/s (200,000 kb/s) over.
        verifier.verifyThat(HardConstraints::networkWithinLimit)
                .given(vm("v1", 100, 1_024, 700_000, a), vm("v2", 100, 1_024, 500_000, a))
                .penalizesBy(200_000);
    }

    @Test
    void limitsMetExactlyAreKept() {
        verifier.verifyThat(HardConstraints::cpuWithinLimit)
                .given(vm("v1", 2_000, 4_096, 500_000, a), vm("v2", 2_000, 4_096, 500_000, a))
                .penalizesBy(0);
    }

    @Test
    void vmOnActiveHost() {
        // A 4 GiB VM on a host in maintenance: the whole VM must leave, 4096 MiB.
        PlanningHost maintenance = inactiveHost("m");
        verifier.verifyThat(HardConstraints::vmOnActiveHost)
                .given(vm("v1", maintenance), vm("v2", a))
                .penalizesBy(4_096);
    }

    @Test
    void nothingOntoStaleHost() {
        // v1 ran on the stale host and may stay; v2 was moved onto it: its 4096 MiB count.
        PlanningHost stale = host("s").asStale();
        verifier.verifyThat(HardConstraints::nothingOntoStaleHost)
                .given(vm("v1", stale), moved("v2", a, stale), vm("v3", a))
                .penalizesBy(4_096);
    }

    @Test
    void storageMounted() {
        PlanningHost otherStorage = hostWith("c", Set.of("nfs-other"), Set.of("virbr0"));
        verifier.verifyThat(HardConstraints::storageMounted)
                .given(vm("v1", otherStorage), vm("v2", a))
                .penalizesBy(4_096);
    }

    @Test
    void bridgesPresent() {
        // The host has neither bridge: two missing bridges times the VM's 4096 MiB.
        PlanningHost noBridges = hostWith("c", Set.of("nfs-vms"), Set.of("br-mgmt"));
        PlanningVm twoBridges = new PlanningVm("v1", 1_000, 4_096, 0, "nfs-vms", Set.of("virbr0", "br-db"), false, 0,
                noBridges);
        verifier.verifyThat(HardConstraints::bridgesPresent)
                .given(twoBridges, vm("v2", a))
                .penalizesBy(8_192);
    }

    @Test
    void antiAffinityGroupApart() {
        // Three replicas on one host: two too many, each weighing a GiB.
        PlanningGroup db = new PlanningGroup("db", false, Set.of("r1", "r2", "r3", "r4"));
        verifier.verifyThat(HardConstraints::antiAffinityGroupApart)
                .given(db, vm("r1", a), vm("r2", a), vm("r3", a), vm("r4", b), vm("other", b))
                .penalizesBy(2 * HardConstraints.GROUP_BREACH);
    }

    @Test
    void affinityGroupTogether() {
        // A group spread over two hosts: one host too many.
        PlanningGroup web = new PlanningGroup("web", true, Set.of("w1", "w2", "w3"));
        verifier.verifyThat(HardConstraints::affinityGroupTogether)
                .given(web, vm("w1", a), vm("w2", a), vm("w3", b))
                .penalizesBy(HardConstraints.GROUP_BREACH);
    }

    @Test
    void groupsKeptAreFree() {
        PlanningGroup web = new PlanningGroup("web", true, Set.of("w1", "w2"));
        PlanningGroup db = new PlanningGroup("db", false, Set.of("r1", "r2"));
        verifier.verifyThat(HardConstraints::affinityGroupTogether)
                .given(web, db, vm("w1", a), vm("w2", a), vm("r1", a), vm("r2", b))
                .penalizesBy(0);
    }

    @Test
    void migrationsWithinCap() {
        // Three moves under a cap of one: two moves too many.
        verifier.verifyThat(HardConstraints::migrationsWithinCap)
                .given(new MigrationCap(1), moved("v1", a, b), moved("v2", a, b), moved("v3", b, a), vm("v4", a))
                .penalizesBy(2 * HardConstraints.GROUP_BREACH);
    }

    @Test
    void migrationCost() {
        // Only the moved 4 GiB VM costs: 4 GiB at 100 per GiB (the fixture's price).
        PlanningVm newVm = vm("new", null);
        newVm.setHost(a);
        verifier.verifyThat(HardConstraints::migrationCost)
                .given(moved("v1", a, b), vm("v2", a), newVm)
                .penalizesBy(400);
    }
}
