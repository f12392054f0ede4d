package dev.ballast.whatif;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every rendering lists what it lists in one order: restarts by VM name, {@code fitMore}'s
 * counts by host in the snapshot's order and by what stops them, sorted. An order taken from a
 * hash map's iteration changes from one JVM to the next, which a second run in the same JVM does
 * not show; so the order itself is asserted, and the two runs compared besides.
 */
class StableOutputTest {

    private static final Policy POLICY = new Policy("balance", Limits.FULL, null,
            Goals.registry().named("balance").defaults());

    /** host-1's twelve VMs, named so that the snapshot's order is not the names' order. */
    private static final ClusterSnapshot CLUSTER = cluster();
    private static final WhatIf SCENARIO = new WhatIf("balance", List.of(
            new WhatIfCase.Fail("lose-host-1", List.of("host-1"), false),
            new WhatIfCase.FitMore("capacity", new VmShape(1, 8 * 1024, new Demand(1, 10), null, Set.of()))));

    @Test
    void restartsAreListedByVmName() {
        String text = AnswersText.render(run());

        List<String> restarted = text.lines().filter(l -> l.contains(" restarts on "))
                .map(l -> l.strip().split(" ")[0]).toList();
        assertThat(restarted).hasSize(12).isSorted();
    }

    @Test
    void theSameScenarioTwiceGivesTheSameTextAndJson() {
        WhatIfAnswers first = run();
        WhatIfAnswers second = run();

        assertThat(AnswersText.render(second)).isEqualTo(AnswersText.render(first));
        assertThat(AnswersJson.write(second)).isEqualTo(AnswersJson.write(first));
    }

    @Test
    void fitMoreKeepsTheSnapshotsHostOrderAndSortsWhatStopsThem() {
        Answer.FitMore more = (Answer.FitMore) run().answers().get(1);

        assertThat(List.copyOf(more.perHost().keySet())).containsExactly("host-3", "host-2", "host-1");
        assertThat(List.copyOf(more.boundBy().keySet())).isSorted();
    }

    private static WhatIfAnswers run() {
        return new WhatIfRunner(SolverSettings.DEFAULT.withTimeLimit(Duration.ofSeconds(1)).withSeed(1L),
                Clock.systemUTC(), WhatIfProgress.NONE).run(CLUSTER, SCENARIO, POLICY, Map.of());
    }

    private static ClusterSnapshot cluster() {
        // The hosts in an order that is not their names' either.
        List<Host> hosts = new ArrayList<>();
        for (String name : List.of("host-3", "host-2", "host-1")) {
            hosts.add(new Host(name, HostState.ACTIVE, new Resources(32, 128 * 1024L, 10_000), null, Set.of(), Set.of(),
                    null, null, null));
        }
        List<Vm> vms = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            vms.add(new Vm("vm-" + (char) ('a' + (i * 7) % 12), "host-1", 4 * 1024L, 1, new Demand(1, 10), 10.0, null,
                    Set.of(), false));
        }
        vms.add(new Vm("vm-z", "host-2", 100 * 1024L, 16, new Demand(16, 10), 10.0, null, Set.of(), false));
        return new ClusterSnapshot(hosts, vms, List.of());
    }
}
