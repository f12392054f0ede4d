package dev.ballast.rules;

import static dev.ballast.rules.SolverFixtures.host;
import static dev.ballast.rules.SolverFixtures.hostWith;
import static dev.ballast.rules.SolverFixtures.inactiveHost;
import static dev.ballast.rules.SolverFixtures.moved;
import static dev.ballast.rules.SolverFixtures.vm;

import dev.ballast.rules.solver.MigrationCap;
import dev.ballast.rules.solver.PlanningGroup;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

import java.util.Set;

/**
 * The solver constraint of each hard rule, in isolation, on a planning solution of the tests'
 * own: every goal's provider lists the same constraints.
 */
class HardRuleConstraintsTest {

    private final ConstraintVerifier<SolverFixtures.HardRulesOnly, SolverFixtures.Placement> verifier =
            ConstraintVerifier.build(new SolverFixtures.HardRulesOnly(), SolverFixtures.Placement.class,
                    PlanningVm.class);

    private final PlanningHost a = host("a", 4_000, 8_192, 1_000_000);
    private final PlanningHost b = host("b", 4_000, 8_192, 1_000_000);

    @Test
    void cpuWithinLimit() {
        // 3 + 2 cores on a host whose limit is 4 cores: 1 core (1000 millicores) over.
        verifier.verifyThat((provider, factory) -> HardRules.CPU.constraint(factory))
                .given(vm("v1", 3_000, 1_024, 0, a), vm("v2", 2_000, 1_024, 0, a), vm("v3", 4_000, 1_024, 0, b))
                .penalizesBy(1_000);
    }

    @Test
    void memoryWithinLimit() {
        // 6 + 4 GiB on a host whose limit is 8 GiB: 2048 MiB over.
        verifier.verifyThat((provider, factory) -> HardRules.MEMORY.constraint(factory))
                .given(vm("v1", 100, 6_144, 0, a), vm("v2", 100, 4_096, 0, a), vm("v3", 100, 8_192, 0, b))
                .penalizesBy(2_048);
    }

    @Test
    void networkWithinLimit() {
        // 700 + 500 Mb/s on a 1 Gb/s limit: 200 Mb/s (200,000 kb/s) over.
        verifier.verifyThat((provider, factory) -> HardRules.NETWORK.constraint(factory))
                .given(vm("v1", 100, 1_024, 700_000, a), vm("v2", 100, 1_024, 500_000, a))
                .penalizesBy(200_000);
    }

    @Test
    void limitsMetExactlyAreKept() {
        verifier.verifyThat((provider, factory) -> HardRules.CPU.constraint(factory))
                .given(vm("v1", 2_000, 4_096, 500_000, a), vm("v2", 2_000, 4_096, 500_000, a))
                .penalizesBy(0);
    }

    @Test
    void hostStateEmptiesAHostInMaintenance() {
        // A 4 GiB VM on a host in maintenance: the whole VM must leave, 4096 MiB.
        PlanningHost maintenance = inactiveHost("m");
        verifier.verifyThat((provider, factory) -> HardRules.HOST_STATE.constraint(factory))
                .given(vm("v1", maintenance), vm("v2", a))
                .penalizesBy(4_096);
    }

    @Test
    void staleHostReceivesNothing() {
        // v1 ran on the stale host and may stay; v2 was moved onto it: its 4096 MiB count.
        PlanningHost stale = host("s").asStale();
        verifier.verifyThat((provider, factory) -> HardRules.STALE.constraint(factory))
                .given(vm("v1", stale), moved("v2", a, stale), vm("v3", a))
                .penalizesBy(4_096);
    }

    @Test
    void storageMounted() {
        PlanningHost otherStorage = hostWith("c", Set.of("nfs-other"), Set.of("virbr0"));
        verifier.verifyThat((provider, factory) -> HardRules.STORAGE.constraint(factory))
                .given(vm("v1", otherStorage), vm("v2", a))
                .penalizesBy(4_096);
    }

    @Test
    void bridgesPresent() {
        // The host has neither bridge: two missing bridges times the VM's 4096 MiB.
        PlanningHost noBridges = hostWith("c", Set.of("nfs-vms"), Set.of("br-mgmt"));
        PlanningVm twoBridges = new PlanningVm("v1", 1_000, 4_096, 0, "nfs-vms", Set.of("virbr0", "br-db"), false, 0,
                noBridges);
        verifier.verifyThat((provider, factory) -> HardRules.BRIDGES.constraint(factory))
                .given(twoBridges, vm("v2", a))
                .penalizesBy(8_192);
    }

    @Test
    void antiAffinityGroupApart() {
        // Three replicas on one host: two too many, each weighing a GiB.
        PlanningGroup db = new PlanningGroup("db", false, Set.of("r1", "r2", "r3", "r4"));
        verifier.verifyThat((provider, factory) -> HardRules.ANTI_AFFINITY.constraint(factory))
                .given(db, vm("r1", a), vm("r2", a), vm("r3", a), vm("r4", b), vm("other", b))
                .penalizesBy(2 * HardRules.GROUP_BREACH);
    }

    @Test
    void affinityGroupTogether() {
        // A group spread over two hosts: one host too many.
        PlanningGroup web = new PlanningGroup("web", true, Set.of("w1", "w2", "w3"));
        verifier.verifyThat((provider, factory) -> HardRules.AFFINITY.constraint(factory))
                .given(web, vm("w1", a), vm("w2", a), vm("w3", b))
                .penalizesBy(HardRules.GROUP_BREACH);
    }

    @Test
    void groupsKeptAreFree() {
        PlanningGroup web = new PlanningGroup("web", true, Set.of("w1", "w2"));
        PlanningGroup db = new PlanningGroup("db", false, Set.of("r1", "r2"));
        verifier.verifyThat((provider, factory) -> HardRules.AFFINITY.constraint(factory))
                .given(web, db, vm("w1", a), vm("w2", a), vm("r1", a), vm("r2", b))
                .penalizesBy(0);
    }

    @Test
    void maxMigrationsCapsTheMoves() {
        // Three moves under a cap of one: two moves too many.
        verifier.verifyThat((provider, factory) -> HardRules.MAX_MIGRATIONS.constraint(factory))
                .given(new MigrationCap(1), moved("v1", a, b), moved("v2", a, b), moved("v3", b, a), vm("v4", a))
                .penalizesBy(2 * HardRules.GROUP_BREACH);
    }

    @Test
    void powerStateKeepsAHostThatIsOffEmpty() {
        // A 4 GiB VM on a host in standby: 4096 MiB; the host in maintenance is host-state's.
        PlanningHost off = inactiveHost("off").asOff();
        verifier.verifyThat((provider, factory) -> HardRules.POWER_STATE.constraint(factory))
                .given(vm("v1", off), vm("v2", inactiveHost("m")), vm("v3", a))
                .penalizesBy(4_096);
    }

    @Test
    void hostStateLeavesAHostThatIsOffToPowerState() {
        verifier.verifyThat((provider, factory) -> HardRules.HOST_STATE.constraint(factory))
                .given(vm("v1", inactiveHost("off").asOff()))
                .penalizesBy(0);
    }

    @Test
    void pinnedVmStaysOnItsHost() {
        // The solver never moves a pinned VM; a placement from elsewhere that does weighs its 4096 MiB.
        PlanningVm pinned = new PlanningVm("p", 1_000, 4_096, 0, "nfs-vms", Set.of("virbr0"), true, 0, a);
        pinned.setHost(b);
        PlanningVm stays = new PlanningVm("q", 1_000, 2_048, 0, "nfs-vms", Set.of("virbr0"), true, 0, a);
        verifier.verifyThat((provider, factory) -> HardRules.PINNED.constraint(factory))
                .given(pinned, stays, moved("v", a, b))
                .penalizesBy(4_096);
    }

    @Test
    void unplacedVmWeighsItsMemory() {
        PlanningVm unplaced = vm("new", null);
        verifier.verifyThat((provider, factory) -> HardRules.UNPLACED.constraint(factory))
                .given(unplaced, vm("v", a))
                .penalizesBy(4_096);
    }
}
