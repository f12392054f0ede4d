package dev.ballast.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.PowerOn;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.model.VmShape;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.scheduler.goals.Goals;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Maintenance, growth and new VMs on small clusters whose answers are clear by construction:
 * hosts of 32 cores and 128 GiB, VMs of 16 GiB and 1 core, the whole host usable.
 */
class WhatIfCasesTest {

    private static final Policy POLICY = new Policy("balance", Limits.FULL, null,
            Goals.registry().named("balance").defaults());
    private static final SolverSettings SEARCH = SolverSettings.DEFAULT.withTimeLimit(Duration.ofSeconds(1)).withSeed(1L);

    @Test
    void hostsWithRoomEnoughForBothGoTogether() {
        // Three hosts with 2 VMs each (32 of 128 GiB): either two fit on the third.
        ClusterSnapshot cluster = cluster(List.of(2, 2, 2), 0);

        Answer.Maintenance answer = (Answer.Maintenance) one(cluster, new WhatIfCase.Maintenance("weekend",
                List.of("host-1", "host-2")));

        assertThat(answer.verdict()).isEqualTo(Verdict.OK);
        assertThat(answer.together()).isTrue();
        assertThat(answer.groups()).containsExactly(List.of("host-1", "host-2"));
        assertThat(answer.plan().placement().hostOfVm().values()).containsOnly("host-3");
        assertThat(answer.estimatedSeconds()).isPositive().isEqualTo(answer.plan().summary().estimatedSeconds());
    }

    @Test
    void hostsThatCannotGoTogetherGoInGroupsOneAfterAnother() {
        // Three hosts with 4 VMs each (64 of 128 GiB): one host's VMs fit in another's free 64
        // GiB, two hosts' 128 GiB do not fit in the third's.
        ClusterSnapshot cluster = cluster(List.of(4, 4, 4), 0);
        PlannerRuns runs = new PlannerRuns();

        Answer.Maintenance answer = (Answer.Maintenance) one(cluster, new WhatIfCase.Maintenance("weekend",
                List.of("host-1", "host-2")), runs);

        assertThat(answer.verdict()).isEqualTo(Verdict.NOT_OK);
        assertThat(answer.together()).isFalse();
        assertThat(answer.groups()).containsExactly(List.of("host-1"), List.of("host-2"));
        assertThat(answer.cannotGo()).isEmpty();
        assertThat(answer.plans()).hasSize(2).allSatisfy(plan -> assertThat(plan.migrations()).isEqualTo(4));
        // Both together, then each group.
        assertThat(runs.count).isEqualTo(3);
        assertThat(answer.estimatedSeconds())
                .isCloseTo(answer.plans().get(0).estimatedSeconds() + answer.plans().get(1).estimatedSeconds(),
                        org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void newVmsThatDoNotFitSwitchOnAsFewStandbyHostsAsNeeded() {
        // Two full hosts (8 VMs each, 128 GiB) and three standby hosts: 10 new VMs of 16 GiB need
        // two of them (8 on one, 2 on the next).
        ClusterSnapshot cluster = cluster(List.of(8, 8), 3);
        PlannerRuns runs = new PlannerRuns();

        Answer.Fit answer = (Answer.Fit) one(cluster, new WhatIfCase.Add("tenant", 10,
                new VmShape(1, 16 * 1024, new Demand(1, 0), null, Set.of())), runs);

        assertThat(answer.verdict()).isEqualTo(Verdict.OK);
        assertThat(answer.fits()).isTrue();
        assertThat(answer.standbyOn()).hasSize(2);
        assertThat(answer.figures().newVms()).isEqualTo(10);
        assertThat(answer.plan().placement().hostOfVm()).containsKeys("tenant-001", "tenant-010");
        // balance wakes standby hosts itself rather than leave VMs without a host: one search.
        assertThat(answer.plan().steps()).filteredOn(PowerOn.class::isInstance).hasSize(2);
        assertThat(runs.count).isEqualTo(1);
    }

    @Test
    void growthBeyondEveryHostDoesNotFitAndSaysWhy() {
        // Memory tripled: 3 x 64 GiB per host is more than 128 GiB, and there is no standby host.
        ClusterSnapshot cluster = cluster(List.of(4, 4), 0);

        Answer.Fit answer = (Answer.Fit) one(cluster, new WhatIfCase.Grow("growth", 1.0, 3.0, 1.0));

        assertThat(answer.verdict()).isEqualTo(Verdict.NOT_OK);
        assertThat(answer.fits()).isFalse();
        assertThat(answer.reasons()).isNotEmpty();
        assertThat(String.join(" ", answer.reasons())).contains("memory");
    }

    @Test
    void growthWithinTheRoomFitsWithoutStandbyHosts() {
        ClusterSnapshot cluster = cluster(List.of(2, 2), 1);

        Answer.Fit answer = (Answer.Fit) one(cluster, new WhatIfCase.Grow("growth", 1.5, 1.5, 1.5));

        assertThat(answer.verdict()).isEqualTo(Verdict.OK);
        assertThat(answer.standbyOn()).isEmpty();
    }

    private static Answer one(ClusterSnapshot cluster, WhatIfCase question) {
        return one(cluster, question, WhatIfProgress.NONE);
    }

    private static Answer one(ClusterSnapshot cluster, WhatIfCase question, WhatIfProgress progress) {
        return new WhatIfRunner(SEARCH, Clock.systemUTC(), progress)
                .run(cluster, new WhatIf("balance", List.of(question)), POLICY, Map.of()).answers().get(0);
    }

    /** Counts the plans asked of the planner, as the what-if bench does. */
    private static final class PlannerRuns implements WhatIfProgress {
        int count;

        @Override
        public void planning() {
            count++;
        }
    }

    /** Active hosts holding the given numbers of VMs, then standby hosts. */
    private static ClusterSnapshot cluster(List<Integer> vmsPerHost, int standby) {
        List<Host> hosts = new ArrayList<>();
        List<Vm> vms = new ArrayList<>();
        for (int h = 1; h <= vmsPerHost.size(); h++) {
            hosts.add(host("host-" + h, HostState.ACTIVE));
            for (int v = 1; v <= vmsPerHost.get(h - 1); v++) {
                vms.add(new Vm("vm-" + h + "-" + v, "host-" + h, 16 * 1024, 1, new Demand(1, 10), 10.0, null,
                        Set.of(), false));
            }
        }
        for (int s = 1; s <= standby; s++) {
            hosts.add(host("spare-" + s, HostState.STANDBY));
        }
        return new ClusterSnapshot(hosts, vms, List.of());
    }

    private static Host host(String name, HostState state) {
        return new Host(name, state, new Resources(32, 128 * 1024, 10_000), null, Set.of(), Set.of(), null, null, null);
    }
}
