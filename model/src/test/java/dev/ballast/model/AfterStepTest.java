package dev.ballast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

class AfterStepTest {

    private static Host host(String name, HostState state, double cores, Power power) {
        return new Host(name, state, new Resources(cores, 65_536, 10_000), new MigrationLink("198.18.0.1", 100_000),
                Set.of(), Set.of(), new CpuInfo("x86_64", "Icelake-Server"), power, null);
    }

    private static Vm vm(String name, String host, double cores, long mib) {
        return new Vm(name, host, mib, 1, new Demand(cores, 5), 10.0, null, Set.of(), false);
    }

    /**
     * h1 (16 cores, 150 W) is hot, h2 (32 cores, 200 W) half idle, h3 in maintenance, h4 (120 W)
     * holds one small VM, and a new VM is to start. The plan evacuates h3, starts the new VM,
     * relieves h1, drains h4 and switches it off.
     */
    private static final ClusterSnapshot CLUSTER = new ClusterSnapshot(
            List.of(host("h1", HostState.ACTIVE, 16, new Power(150, 400)),
                    host("h2", HostState.ACTIVE, 32, new Power(200, 500)),
                    host("h3", HostState.MAINTENANCE, 16, new Power(150, 400)),
                    host("h4", HostState.ACTIVE, 16, new Power(120, 300))),
            List.of(vm("a", "h1", 8, 8192), vm("b", "h1", 6, 4096), vm("c", "h2", 4, 16_384), vm("d", "h3", 2, 2048),
                    vm("e", "h4", 1, 1024), vm("f", null, 3, 4096)),
            List.of());

    private static final List<Step> STEPS = List.of(new Migration("d", "h3", "h2"), new StartVm("f", "h2"),
            new Migration("b", "h1", "h2"), new Migration("e", "h4", "h1"), new PowerOff("h4"));

    @Test
    void eachPointIsTheSummarysFiguresOfThePlanCutThere() {
        List<AfterStep> after = AfterStep.replay(CLUSTER, STEPS);

        assertThat(after).hasSize(STEPS.size());
        Map<String, String> where = new HashMap<>(CLUSTER.currentPlacement().hostOfVm());
        List<Step> done = new ArrayList<>();
        for (int i = 0; i < STEPS.size(); i++) {
            Step step = STEPS.get(i);
            done.add(step);
            if (step instanceof VmStep move) {
                where.put(move.vm(), move.to());
            }
            Placement cut = new Placement(where);
            PlanSummary summary = PlanSummary.of(CLUSTER, cut, List.of());
            AfterStep point = after.get(i);
            assertThat(point.hostsUsed()).as("hosts used after step %d", i + 1).isEqualTo(summary.hostsUsedAfter());
            assertThat(point.wattsSaved()).as("watts saved after step %d", i + 1)
                    .isCloseTo(summary.powerSavedWatts(), within(1e-9));
            for (Resource resource : Resource.values()) {
                Utilisation expected = Utilisation.of(CLUSTER, cut, resource);
                assertThat(point.hottest().get(resource)).as("hottest %s after step %d", resource, i + 1)
                        .isCloseTo(expected.max(), within(1e-9));
                assertThat(point.spread().get(resource)).as("spread of %s after step %d", resource, i + 1)
                        .isCloseTo(expected.stdDev(), within(1e-9));
            }
        }
    }

    @Test
    void aHostCountsAsOffOnceItsPowerOffHasRun() {
        List<AfterStep> after = AfterStep.replay(CLUSTER, STEPS);

        assertThat(after).extracting(AfterStep::hostsOff).containsExactly(0, 0, 0, 0, 1);
        // As in the summary, a host saves its watts once it holds no VM, switched off or not:
        // h3's 150 W from step 1, h4's 120 W from step 4.
        assertThat(after).extracting(AfterStep::wattsSaved).containsExactly(150.0, 150.0, 150.0, 270.0, 270.0);
    }

    @Test
    void theSummaryOfAPlanCarriesTheFiguresAfterEachStep() {
        Placement end = new Placement(Map.of("a", "h1", "b", "h2", "c", "h2", "d", "h2", "e", "h1", "f", "h2"));

        PlanSummary summary = PlanSummary.of(CLUSTER, end, STEPS);

        assertThat(summary.afterEachStep()).isEqualTo(AfterStep.replay(CLUSTER, STEPS));
        AfterStep last = summary.afterEachStep().get(STEPS.size() - 1);
        assertThat(last.hostsUsed()).isEqualTo(summary.hostsUsedAfter());
        assertThat(last.hottest().cpu()).isCloseTo(summary.utilisation().get(Resource.CPU).after().max(), within(1e-9));
    }
}
