package dev.ballast.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import dev.ballast.rules.HardRules;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.scheduler.goals.Goals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@code fail} does with a loss the greedy restart into the free room cannot absorb: move a
 * few other VMs out of the way, prove that no plan can help, or ask the planner. Memory decides
 * every case (hosts of 32 cores, VMs of 1, the whole host usable); sizes in GiB.
 */
class FailFallbackTest {

    private static final Policy POLICY = new Policy("balance", Limits.FULL, null,
            Goals.registry().named("balance").defaults());
    private static final SolverSettings SEARCH = SolverSettings.DEFAULT.withTimeLimit(Duration.ofSeconds(2)).withSeed(1L);

    @Test
    void aVmNoHostLeftCouldHoldEvenEmptiedIsProvenStrandedWithoutThePlanner() {
        // vm-huge needs 200 GiB; the other hosts have 128 each, 112 of it free: 336 GiB in all,
        // room enough in total, yet no host could take it even with every other VM gone.
        ClusterSnapshot cluster = cluster(Map.of("host-big", 256, "host-1", 128, "host-2", 128, "host-3", 128),
                List.of(vm("vm-huge", "host-big", 200), vm("vm-1", "host-1", 16), vm("vm-2", "host-2", 16),
                        vm("vm-3", "host-3", 16)));
        PlannerRuns runs = new PlannerRuns();

        Answer.Fail answer = fail(cluster, new WhatIfCase.Fail("lose-any-host", List.of(), true), runs);

        assertThat(runs.count).as("planner runs").isZero();
        HostLoss big = loss(answer, "host-big");
        assertThat(big.absorbable()).isFalse();
        assertThat(big.decidedBy()).isEqualTo(DecidedBy.PROOF);
        assertThat(big.stranded()).containsExactly("vm-huge");
        // Each 16 GiB VM restarts in host-big's free 56 GiB.
        assertThat(answer.hosts()).filteredOn(h -> !h.host().equals("host-big"))
                .allSatisfy(h -> assertThat(h.decidedBy()).isEqualTo(DecidedBy.GREEDY))
                .allMatch(HostLoss::absorbable);
        assertThat(answer.decidedBy()).isEqualTo("greedy 3, proof 1");
    }

    @Test
    void aLossThatFitsOnceOneVmMovesIsAbsorbedGreedilyWithoutThePlanner() {
        // vm-v (64) fits in no free room (20 on host-1, 50 on host-3); once vm-p (48) moves from
        // host-1 into host-3's 50, host-1 has 68 free and takes it.
        ClusterSnapshot cluster = cluster(Map.of("host-f", 128, "host-1", 68, "host-3", 50),
                List.of(vm("vm-v", "host-f", 64), vm("vm-p", "host-1", 48)));
        PlannerRuns runs = new PlannerRuns();

        Answer.Fail answer = fail(cluster, new WhatIfCase.Fail("lose-f", List.of("host-f"), false), runs);

        assertThat(runs.count).as("planner runs").isZero();
        HostLoss loss = loss(answer, "host-f");
        assertThat(loss.absorbable()).isTrue();
        assertThat(loss.decidedBy()).isEqualTo(DecidedBy.MOVING_OTHERS);
        assertThat(loss.moves()).containsExactly(Map.entry("vm-p", "host-3"));
        assertThat(loss.restarts()).containsExactly(Map.entry("vm-v", "host-1"));
        assertThat(loss.othersMoved()).isEqualTo(1);
        assertThat(keepsEveryRule(cluster, "host-f", loss)).isTrue();
    }

    @Test
    void aLossOnlyAChainOfMovesAbsorbsGoesToThePlannerWhichAbsorbsIt() {
        // vm-v (64) needs host-1 (68), whose vm-p (48) fits only on host-2 (50) once vm-q (30)
        // has gone to host-3 (40): two moves in a chain, which the greedy check, moving the VMs
        // of one host into the free room, does not find. Nor does a proof apply: 80 GiB free in
        // all, and host-1 emptied would hold vm-v.
        ClusterSnapshot cluster = cluster(Map.of("host-f", 128, "host-1", 68, "host-2", 50, "host-3", 40),
                List.of(vm("vm-v", "host-f", 64), vm("vm-p", "host-1", 48), vm("vm-q", "host-2", 30)));
        PlannerRuns runs = new PlannerRuns();

        Answer.Fail answer = fail(cluster, new WhatIfCase.Fail("lose-f", List.of("host-f"), false), runs);

        assertThat(runs.count).as("planner runs").isEqualTo(1);
        HostLoss loss = loss(answer, "host-f");
        assertThat(loss.absorbable()).as(loss.toString()).isTrue();
        assertThat(loss.decidedBy()).isEqualTo(DecidedBy.PLANNER);
        assertThat(loss.restarts()).containsExactly(Map.entry("vm-v", "host-1"));
        assertThat(loss.othersMoved()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void thePlannersRunsStopOnceTheCasesTimeLimitHasPassedOnTheClock() {
        // The chain above, each host failing alone: only host-f's loss needs the planner. On a
        // clock that moves an hour each time it is read, the 2 s limit has passed before the
        // first run, so the greedy verdict stands.
        ClusterSnapshot cluster = cluster(Map.of("host-f", 128, "host-1", 68, "host-2", 50, "host-3", 40),
                List.of(vm("vm-v", "host-f", 64), vm("vm-p", "host-1", 48), vm("vm-q", "host-2", 30)));
        WhatIfCase.Fail any = new WhatIfCase.Fail("lose-any-host", List.of(), true);
        PlannerRuns onTime = new PlannerRuns();
        PlannerRuns late = new PlannerRuns();

        HostLoss planned = loss(fail(cluster, any, onTime, Clock.systemUTC()), "host-f");
        HostLoss unplanned = loss(fail(cluster, any, late, new HourPerRead()), "host-f");

        assertThat(onTime.count).isEqualTo(1);
        assertThat(planned.decidedBy()).isEqualTo(DecidedBy.PLANNER);
        assertThat(late.count).isZero();
        assertThat(unplanned.absorbable()).isFalse();
        assertThat(unplanned.decidedBy()).isEqualTo(DecidedBy.GREEDY);
    }

    @Test
    void aVmThatMayNotMoveIsLeftWhereItIs() {
        // As above with one move enough, but vm-p is pinned: only the planner may be asked, and
        // it must leave vm-p where it is, so the loss cannot be absorbed.
        ClusterSnapshot cluster = cluster(Map.of("host-f", 128, "host-1", 68, "host-3", 50),
                List.of(vm("vm-v", "host-f", 64), vm("vm-p", "host-1", 48).asPinned()));

        Answer.Fail answer = fail(cluster, new WhatIfCase.Fail("lose-f", List.of("host-f"), false), new PlannerRuns());

        HostLoss loss = loss(answer, "host-f");
        assertThat(loss.absorbable()).isFalse();
        assertThat(loss.moves()).isEmpty();
        // vm-v fits on host-1 emptied of what may move: 68 - 48 < 64, so host-3 (50) is all: proven.
        assertThat(loss.decidedBy()).isEqualTo(DecidedBy.PROOF);
    }

    private static Answer.Fail fail(ClusterSnapshot cluster, WhatIfCase.Fail question, WhatIfProgress progress) {
        return fail(cluster, question, progress, Clock.systemUTC());
    }

    private static Answer.Fail fail(ClusterSnapshot cluster, WhatIfCase.Fail question, WhatIfProgress progress,
            Clock clock) {
        return (Answer.Fail) new WhatIfRunner(SEARCH, clock, progress)
                .run(cluster, new WhatIf("balance", List.of(question)), POLICY, Map.of()).answers().get(0);
    }

    private static HostLoss loss(Answer.Fail answer, String host) {
        return answer.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
    }

    /** The placement after the moves and restarts, on the hosts left, checked by the solver-free rules. */
    private static boolean keepsEveryRule(ClusterSnapshot cluster, String failed, HostLoss loss) {
        Map<String, String> hostOf = new HashMap<>();
        cluster.vms().forEach(vm -> hostOf.put(vm.name(), vm.host()));
        hostOf.putAll(loss.moves());
        hostOf.putAll(loss.restarts());
        List<Host> left = cluster.hosts().stream().filter(h -> !h.name().equals(failed)).toList();
        List<Vm> vms = cluster.vms().stream().map(vm -> vm.onHost(hostOf.get(vm.name()))).toList();
        assertThat(hostOf).doesNotContainValue(failed);
        return HardRules.check(new ClusterSnapshot(left, vms, List.of()), POLICY, new Placement(hostOf)).isEmpty();
    }

    /** Counts the plans asked of the planner, as the what-if bench does. */
    private static final class PlannerRuns implements WhatIfProgress {
        int count;

        @Override
        public void planning() {
            count++;
        }
    }

    /** A clock an hour later each time it is read. */
    private static final class HourPerRead extends Clock {
        private Instant now = Instant.parse("2026-12-02T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plus(Duration.ofHours(1));
            return now;
        }
    }

    /** Active hosts of the given memory (GiB), in the names' order. */
    private static ClusterSnapshot cluster(Map<String, Integer> memoryGib, List<Vm> vms) {
        List<Host> hosts = new ArrayList<>();
        memoryGib.keySet().stream().sorted().forEach(name -> hosts.add(new Host(name, HostState.ACTIVE,
                new Resources(32, memoryGib.get(name) * 1024L, 10_000), null, Set.of(), Set.of(), null, null, null)));
        return new ClusterSnapshot(hosts, vms, List.of());
    }

    private static Vm vm(String name, String host, int memoryGib) {
        return new Vm(name, host, memoryGib * 1024L, 1, new Demand(1, 10), 10.0, null, Set.of(), false);
    }
}
