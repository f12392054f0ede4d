package dev.ballast.reports;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Figure;
import dev.ballast.model.Unresolved;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Policy;
import dev.ballast.model.Power;
import dev.ballast.model.Reason;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The text report of a plan: the view worked out by {@link PlanView} as {@link PlanTextRenderer} renders it. */
class PlanTextRendererTest {

    /** The goal's own settings are the scheduler's business; the report only shows the goal's name. */
    private record Named(String goal) implements GoalSettings {
    }

    private static final Policy BALANCE = new Policy("balance", new Limits(0.85, 0.95, 0.8), 50, new Named("balance"));

    /** host-a is hot (30 of 32 cores); host-c holds one small VM and can be emptied. */
    private static final ClusterSnapshot CLUSTER = new ClusterSnapshot(
            List.of(host("host-a"), host("host-b"), host("host-c")),
            List.of(vm("vm-1", "host-a", 8, 20), vm("vm-2", "host-a", 16, 10), vm("vm-3", "host-b", 4, 1),
                    vm("vm-4", "host-c", 8, 1), vm("vm-5", null, 2, 1)),
            List.of());

    private static final List<VmStep> STEPS = List.of(
            new Migration("vm-1", "host-a", "host-b"),
            new Migration("vm-4", "host-c", "host-b"),
            new StartVm("vm-5", "host-a"));

    @Test
    void theHeaderNamesThePolicyItsLimitsAndTheScore() {
        String report = render(CLUSTER, STEPS, List.of("host-c"));

        assertThat(report).startsWith("Policy balance (goal balance; limits cpu 85.0%, memory 95.0%, network 80.0%)\n"
                + "Score 0hard/-5soft\n");
    }

    @Test
    void eachHostShowsItsVmsAndUseBeforeAndAfter() {
        String report = render(CLUSTER, STEPS, List.of("host-c"));

        // host-a: 30 of 32 cores before (over the 85% limit), 10 + 1 after; 24 then 18 of 128 GiB.
        assertThat(report).containsPattern("host-a +active +2 -> 2 +93\\.8%! -> 34\\.4% +18\\.8% -> 14\\.1%");
        assertThat(report).containsPattern("host-b +active +1 -> 3 +3\\.1% -> 68\\.8% ");
        assertThat(report).containsPattern("host-c +active +1 -> 0 +3\\.1% -> 0\\.0% .* off\n");
    }

    @Test
    void theSummaryGivesTheFiguresBeforeAndAfter() {
        String report = render(CLUSTER, STEPS, List.of("host-c"));

        assertThat(report).containsPattern("hosts used +3 +2\n");
        assertThat(report).containsPattern("power on \\(idle\\) +360 W +240 W +saves 120 W\n");
        assertThat(report).containsPattern("cpu max +93\\.8% +68\\.8%\n");
        assertThat(report).contains("2 migrations, 16.0 GiB to move, 1 new VM placed\n");
        assertThat(report).contains("1 host to power off: host-c\n");
    }

    @Test
    void theStepsAreNumberedInOrderWithTheMemoryToMove() {
        String report = render(CLUSTER, STEPS, List.of("host-c"));

        assertThat(report).contains("Steps (4, in order)\n"
                + "  1.  vm-1    host-a -> host-b  (8.0 GiB)\n"
                + "  2.  vm-4    host-c -> host-b  (8.0 GiB)\n"
                + "  3.  vm-5    (new) -> host-a   (2.0 GiB)\n"
                + "  4.  host-c  power off\n");
    }

    @Test
    void anEmptyPlanSaysThereIsNothingToDo() {
        String report = render(CLUSTER, List.of(), List.of());

        assertThat(report).contains("No steps").contains("0 migrations, 0.0 GiB to move");
        assertThat(report).doesNotContain("to power off");
    }

    @Test
    void aLargeClusterShowsOnlyTheHostsThatChange() {
        List<Host> hosts = IntStream.rangeClosed(1, 50).mapToObj(i -> host(String.format("host-%02d", i))).toList();
        List<Vm> vms = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> vm("vm-" + i, String.format("host-%02d", i), 4, 1)).toList();
        ClusterSnapshot large = new ClusterSnapshot(hosts, vms, List.of());

        String report = render(large, List.of(new Migration("vm-7", "host-07", "host-08")), List.of("host-07"));

        assertThat(report).contains("host-07", "host-08").doesNotContain("host-09");
        assertThat(report).contains("  ... 48 more: 48 unchanged\n");
    }

    @Test
    void longPlansListTheFirstStepsAndCountTheRest() {
        List<Host> hosts = List.of(host("host-a"), host("host-b"));
        List<Vm> vms = new ArrayList<>();
        List<VmStep> steps = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            vms.add(vm("vm-" + i, "host-a", 1, 0.1));
            steps.add(new Migration("vm-" + i, "host-a", "host-b"));
        }

        String report = render(new ClusterSnapshot(hosts, vms, List.of()), steps, List.of("host-a"));

        assertThat(report).contains("25.  vm-25").doesNotContain("vm-26 ");
        // 30 migrations and host-a switched off.
        assertThat(report).contains("  ... 6 more steps (the JSON plan lists them all)\n");
    }

    @Test
    void eachStepShowsItsEstimateAndMarksDetoursAndMigrationsThatDoNotConverge() {
        List<VmStep> steps = List.of(
                new Migration("vm-1", "host-a", "host-c", true, new MigrationEstimate(12.34, 45.4, 3, true)),
                new Migration("vm-2", "host-a", "host-b", false, new MigrationEstimate(252.2, 1210, 30, false)),
                new Migration("vm-1", "host-c", "host-b", false, new MigrationEstimate(12.3, 44.6, 3, true)),
                new StartVm("vm-5", "host-a"));

        String report = render(CLUSTER, steps, List.of());

        assertThat(report).contains("Steps (4, in order)\n"
                + "  1.  vm-1  host-a -> host-c  (8.0 GiB)   ~12.3 s, 45 ms pause        DETOUR\n"
                + "  2.  vm-2  host-a -> host-b  (16.0 GiB)  ~4 min 12 s, 1210 ms pause"
                + "  does not converge: needs auto-converge or post-copy\n"
                + "  3.  vm-1  host-c -> host-b  (8.0 GiB)   ~12.3 s, 45 ms pause\n"
                + "  4.  vm-5  (new) -> host-a   (2.0 GiB)\n");
    }

    @Test
    void theSummaryGivesTheEstimatedTimeTheDetoursAndWhatDoesNotConverge() {
        List<VmStep> steps = List.of(
                new Migration("vm-1", "host-a", "host-c", true, new MigrationEstimate(12.3, 45, 3, true)),
                new Migration("vm-2", "host-a", "host-b", false, new MigrationEstimate(227.4, 1210, 30, false)),
                new Migration("vm-1", "host-c", "host-b", false, new MigrationEstimate(12.3, 45, 3, true)));

        String report = render(CLUSTER, steps, List.of());

        assertThat(report).contains("  about 4 min 12 s of migrations, run one at a time, "
                + "1 detour (a VM stops on another host and moves on later)\n");
        assertThat(report).contains("  1 migration does not converge by plain pre-copy: needs auto-converge or post-copy\n");
    }

    @Test
    void aPlanWithoutEstimatesSaysNothingOfTime() {
        assertThat(render(CLUSTER, STEPS, List.of("host-c"))).doesNotContain("about", "pause", "detour", "dropped");
    }

    @Test
    void everyDroppedMoveIsListedUnderItsReason() {
        List<DroppedMove> dropped = List.of(
                new DroppedMove("vm-2", "host-a", "host-b", "no order frees host-b in time"),
                new DroppedMove("vm-3", "host-b", "host-a", "cycle with vm-2, no host to detour through"),
                new DroppedMove("vm-4", "host-c", "host-a", "no order frees host-b in time"));

        String report = render(CLUSTER, STEPS.subList(0, 1), List.of(), dropped);

        assertThat(report).contains("  3 moves dropped:\n"
                + "    no order frees host-b in time:\n"
                + "      vm-2  host-a -> host-b\n"
                + "      vm-4  host-c -> host-a\n"
                + "    cycle with vm-2, no host to detour through:\n"
                + "      vm-3  host-b -> host-a\n");
    }

    @Test
    void anEmptiedPlanSaysItsMovesWereDropped() {
        String report = render(CLUSTER, List.of(), List.of(), List.of(new DroppedMove("vm-1", "host-a", "host-b",
                "the plan takes 0.4 points off the imbalance, under the policy's minImprovement of 2.0")));

        assertThat(report).contains("No steps: every move was dropped (see the summary).\n");
        assertThat(report).contains("  1 move dropped:\n    the plan takes 0.4 points off the imbalance");
    }

    @Test
    void theGoalsOwnFiguresReadOnOneLine() {
        Placement after = CLUSTER.currentPlacement().with("vm-4", "host-b");
        List<Step> steps = List.of(new Migration("vm-4", "host-c", "host-b"), new PowerOff("host-c"));
        MigrationPlan plan = new MigrationPlan("balance", "0hard/-5soft", after, steps,
                PlanSummary.of(CLUSTER, after, steps).withEfficacy(List.of(new Figure("watts saved", 120, "W"),
                        new Figure("hosts freed", 1, ""))));

        String report = PlanTextRenderer.render(PlanView.of(CLUSTER, BALANCE, plan));

        assertThat(report).contains("  goal: watts saved 120 W, hosts freed 1\n");
    }

    @Test
    void whatThePlanLeavesIsSaidWithWhy() {
        Placement after = CLUSTER.currentPlacement();
        MigrationPlan plan = new MigrationPlan("balance", "-1hard/-5soft", after, List.of(),
                PlanSummary.of(CLUSTER, after, List.of()).withUnresolved(List.of(
                        new Unresolved(Unresolved.FITS_NOWHERE, "vm-1", "vm-1 needs 30.0 cores, which no host offers"),
                        new Unresolved("cpu", "host-a", "host-a would use 30.0 of 27.2 cores"))));

        String report = PlanTextRenderer.render(PlanView.of(CLUSTER, BALANCE, plan));

        assertThat(report).contains("  left as it is (2, no placement within the rules mends it):\n"
                + "    fits-nowhere: vm-1 needs 30.0 cores, which no host offers\n"
                + "    cpu: host-a would use 30.0 of 27.2 cores\n");
    }

    @Test
    void plansUnderSeveralPoliciesReadSideBySide() {
        Placement after = CLUSTER.currentPlacement().with("vm-1", "host-b").with("vm-4", "host-b");
        List<Step> steps = List.of(new Migration("vm-1", "host-a", "host-b"), new Migration("vm-4", "host-c", "host-b"));
        MigrationPlan moving = new MigrationPlan("balance", "0hard/-5soft", after, steps,
                PlanSummary.of(CLUSTER, after, steps));
        MigrationPlan still = new MigrationPlan("relieve", "0hard/-9soft", CLUSTER.currentPlacement(), List.of(),
                PlanSummary.of(CLUSTER, CLUSTER.currentPlacement(), List.of()));
        Policy relieve = new Policy("relieve", BALANCE.limits(), null, new Named("relieve"));

        String text = ComparisonTextRenderer.render(List.of(PlanView.of(CLUSTER, relieve, still),
                PlanView.of(CLUSTER, BALANCE, moving)));

        // host-a runs 30 of 32 cores (93.8%), over its 85% limit, until vm-1 (20 cores) leaves it.
        assertThat(text).startsWith("Side by side\n")
                .containsPattern("\\n  migrations +0 +2\\n")
                .containsPattern("\\n  memory to move +0.0 GiB +16.0 GiB\\n")
                .containsPattern("\\n  hosts over a limit +1 -> 1 +1 -> 0\\n")
                .containsPattern("\\n  hottest CPU +93.8% -> 93.8% +93.8% -> 68.8%\\n")
                .containsPattern("\\n  hosts in use +3 -> 3 +3 -> 2\\n");
    }

    @Test
    void eachStepsReasonReadsUnderIt() {
        List<VmStep> steps = List.of(
                new Migration("vm-1", "host-a", "host-b").withReason(new Reason(
                        "relieves host-a: cpu 93.8% -> 31.3% (limit 85%)", List.of())),
                new Migration("vm-4", "host-c", "host-b").withReason(new Reason(
                        "empties host-c (120 W off after step 3)", List.of())));

        String report = render(CLUSTER, steps, List.of("host-c"));

        assertThat(report).contains("Steps (3, in order)\n"
                + "  1.  vm-1    host-a -> host-b  (8.0 GiB)\n"
                + "      relieves host-a: cpu 93.8% -> 31.3% (limit 85%)\n"
                + "  2.  vm-4    host-c -> host-b  (8.0 GiB)\n"
                + "      empties host-c (120 W off after step 3)\n"
                + "  3.  host-c  power off\n");
    }

    @Test
    void whatThePlanHasBoughtIfItStopsEarlyReadsAsATable() {
        String report = render(CLUSTER, STEPS, List.of("host-c"));

        // host-a runs 30 of 32 cores before; once vm-1 has moved, host-b's 21 are the most, then 22
        // once vm-4 joins them. host-c's 120 W are saved once vm-4 has left it; it is off after step 4.
        assertThat(report).contains("If the plan stops early\n"
                + "  AFTER STEP  HOSTS USED  OFF  SAVED  HOTTEST    SPREAD\n"
                + "  0 (now)     3           0    0 W    93.8% cpu  42.7% cpu\n"
                + "  1           3           0    0 W    65.6% cpu  25.6% cpu\n"
                + "  2           2           0    120 W  68.8% cpu  28.1% cpu\n"
                + "  3           2           0    120 W  68.8% cpu  28.1% cpu\n"
                + "  4           2           1    120 W  68.8% cpu  28.1% cpu\n");
    }

    @ParameterizedTest
    @CsvSource({"12.34, 45.4, '~12.3 s, 45 ms pause'", "1.2, 0.3, '~1.2 s, <1 ms pause'",
        "252.4, 1210, '~4 min 12 s, 1210 ms pause'"})
    void anEstimateReadsAsTimeAndPause(double seconds, double downtimeMs, String text) {
        assertThat(Text.estimate(new MigrationEstimate(seconds, downtimeMs, 1, true))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0 s", "12.34, 12.3 s", "59.9, 59.9 s", "59.96, 1 min", "252.4, 4 min 12 s", "3599.6, 1 h",
        "7512, 2 h 5 min"})
    void timesReadAsAPersonSaysThem(double seconds, String text) {
        assertThat(Text.seconds(seconds)).isEqualTo(text);
    }

    private static String render(ClusterSnapshot snapshot, List<VmStep> steps, List<String> off) {
        return render(snapshot, steps, off, List.of());
    }

    private static String render(ClusterSnapshot snapshot, List<VmStep> steps, List<String> off,
            List<DroppedMove> dropped) {
        Placement after = snapshot.currentPlacement();
        for (VmStep step : steps) {
            after = after.with(step.vm(), step.to());
        }
        List<Step> all = new ArrayList<>(steps);
        off.forEach(host -> all.add(new PowerOff(host)));
        MigrationPlan plan = new MigrationPlan("balance", "0hard/-5soft", after, all,
                PlanSummary.of(snapshot, after, all, dropped));
        return PlanTextRenderer.render(PlanView.of(snapshot, BALANCE, plan));
    }

    private static Host host(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(32, 128 * 1024, 10_000), null,
                Set.of("nfs-vms"), Set.of("virbr0"), null, new Power(120, 300), null);
    }

    private static Vm vm(String name, String host, int gib, double cpu) {
        return new Vm(name, host, gib * 1024L, 8, new Demand(cpu, 10), null, "nfs-vms", Set.of("virbr0"), false);
    }
}
