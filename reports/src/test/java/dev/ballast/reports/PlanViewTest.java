package dev.ballast.reports;

import dev.ballast.model.AfterStep;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.model.Power;
import dev.ballast.model.Reason;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import dev.ballast.reports.PlanView.Action;
import dev.ballast.reports.PlanView.CurvePoint;
import dev.ballast.reports.PlanView.HostView;
import dev.ballast.reports.PlanView.Note;
import dev.ballast.reports.PlanView.StepView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** The figures of a plan, worked out once for every rendering. */
class PlanViewTest {

    /** The goal's own settings are the scheduler's business; a view only shows the goal's name. */
    private record Named(String goal) implements GoalSettings {
    }

    private static final Policy BALANCE = new Policy("balance", new Limits(0.85, 0.95, 0.8), 50, new Named("balance"));

    /** host-a is hot (30 of 32 cores); host-c holds one small VM and can be emptied. */
    private static final ClusterSnapshot CLUSTER = new ClusterSnapshot(
            List.of(host("host-a", new Power(120, 300)), host("host-b", new Power(120, 300)),
                    host("host-c", new Power(120, 300))),
            List.of(vm("vm-1", "host-a", 8, 20), vm("vm-2", "host-a", 16, 10), vm("vm-3", "host-b", 4, 1),
                    vm("vm-4", "host-c", 8, 1), vm("vm-5", null, 2, 1)),
            List.of());

    private static final List<VmStep> STEPS = List.of(
            new Migration("vm-1", "host-a", "host-b", false, new MigrationEstimate(12, 40, 3, true)),
            new Migration("vm-4", "host-c", "host-b", true, new MigrationEstimate(30, 900, 30, false)),
            new StartVm("vm-5", "host-a"));

    @Test
    void theHeaderNamesThePolicyItsGoalLimitsAndScore() {
        PlanView.Header header = view(CLUSTER, STEPS, List.of("host-c")).header();

        assertThat(header).isEqualTo(new PlanView.Header("balance", "balance", new Limits(0.85, 0.95, 0.8), "0hard/-5soft"));
    }

    @Test
    void eachHostHasItsUseBeforeAndAfterAndWhetherItIsOverTheLimit() {
        HostView hostA = view(CLUSTER, STEPS, List.of("host-c")).hosts().get(0);

        // 30 of 32 cores before (over 85%), 10 + 1 after.
        assertThat(hostA.use().get(Resource.CPU).before()).isCloseTo(30 / 32.0, within(1e-9));
        assertThat(hostA.use().get(Resource.CPU).after()).isCloseTo(11 / 32.0, within(1e-9));
        assertThat(hostA.use().get(Resource.CPU).overBefore()).isTrue();
        assertThat(hostA.use().get(Resource.CPU).overAfter()).isFalse();
        assertThat(hostA.vmsBefore()).isEqualTo(2);
        assertThat(hostA.vmsAfter()).isEqualTo(2);
    }

    @Test
    void theHostsOverALimitAreCountedBeforeAndAfter() {
        PlanView.Figures figures = view(CLUSTER, STEPS, List.of("host-c")).figures();

        // host-a: 30 of 32 cores before, over 85%; 11 after. vm-1 brings host-b to 21 cores, 65.6%.
        assertThat(figures.overLimitBefore()).isEqualTo(1);
        assertThat(figures.overLimitAfter()).isZero();
    }

    @Test
    void aHostTheStepsTouchOrThePlanSwitchesOffIsChanged() {
        List<Host> hosts = new ArrayList<>(CLUSTER.hosts());
        hosts.add(host("host-d", new Power(120, 300)));
        ClusterSnapshot cluster = new ClusterSnapshot(hosts, CLUSTER.vms(), List.of());

        List<HostView> view = view(cluster, STEPS.subList(0, 1), List.of()).hosts();

        assertThat(view).extracting(HostView::name, HostView::changed, HostView::poweredOff).containsExactly(
                tuple("host-a", true, false),
                tuple("host-b", true, false),
                tuple("host-c", false, false),
                tuple("host-d", false, false));
        assertThat(view(CLUSTER, STEPS, List.of("host-c")).hosts().get(2).poweredOff()).isTrue();
    }

    @Test
    void theFiguresCountTimeDetoursAndMigrationsThatDoNotConverge() {
        PlanView.Figures figures = view(CLUSTER, STEPS, List.of("host-c")).figures();

        assertThat(figures.migrations()).isEqualTo(2);
        assertThat(figures.newVms()).isEqualTo(1);
        assertThat(figures.gibToMove()).isEqualTo(16.0);
        assertThat(figures.estimatedSeconds()).isEqualTo(42.0);
        assertThat(figures.detours()).isEqualTo(1);
        assertThat(figures.notConverging()).isEqualTo(1);
        assertThat(figures.hostsToPowerOff()).containsExactly("host-c");
        // Three hosts idle at 120 W hold VMs before, two after.
        assertThat(figures.idlePower()).isEqualTo(new PlanView.IdlePower(360, 240, 120));
        assertThat(figures.utilisation()).containsOnlyKeys(Resource.values());
    }

    @Test
    void idlePowerIsLeftOutWhenAHostDoesNotGiveItsPowerFigures() {
        ClusterSnapshot cluster = new ClusterSnapshot(
                List.of(host("host-a", new Power(120, 300)), host("host-b", null), host("host-c", null)),
                CLUSTER.vms(), List.of());

        assertThat(view(cluster, STEPS, List.of()).figures().idlePower()).isNull();
    }

    @Test
    void droppedMovesAreGroupedByReasonInTheOrderTheReasonsFirstAppear() {
        List<DroppedMove> dropped = List.of(
                new DroppedMove("vm-2", "host-a", "host-b", "no room"),
                new DroppedMove("vm-3", "host-b", "host-a", "a cycle"),
                new DroppedMove("vm-4", "host-c", "host-a", "no room"));

        PlanView.Figures figures = view(CLUSTER, List.of(), List.of(), dropped).figures();

        assertThat(figures.droppedMoves()).isEqualTo(3);
        assertThat(figures.dropped()).extracting(PlanView.DroppedGroup::reason).containsExactly("no room", "a cycle");
        assertThat(figures.dropped().get(0).moves()).extracting(DroppedMove::vm).containsExactly("vm-2", "vm-4");
    }

    @Test
    void stepsAreNumberedAndTypedWithTheirSizeEstimateAndNotes() {
        List<StepView> steps = view(CLUSTER, STEPS, List.of("host-c")).steps();

        assertThat(steps).extracting(StepView::number, StepView::action, StepView::vm, StepView::from, StepView::host)
                .containsExactly(
                        tuple(1, Action.MIGRATE, "vm-1", "host-a", "host-b"),
                        tuple(2, Action.MIGRATE, "vm-4", "host-c", "host-b"),
                        tuple(3, Action.START, "vm-5", null, "host-a"),
                        tuple(4, Action.POWER_OFF, null, null, "host-c"));
        assertThat(steps.get(0).sizeGiB()).isEqualTo(8.0);
        assertThat(steps.get(0).notes()).isEmpty();
        assertThat(steps.get(1).notes()).containsExactly(Note.DETOUR, Note.DOES_NOT_CONVERGE);
        assertThat(steps.get(3).sizeGiB()).isNull();
    }

    @Test
    void theCurveAddsUpTimeAndMemoryMovedAfterEachStep() {
        List<CurvePoint> curve = view(CLUSTER, STEPS, List.of("host-c")).curve();

        // A start and a power-off move no memory and take no estimated time.
        assertThat(curve).extracting(CurvePoint::step, CurvePoint::elapsedSeconds, CurvePoint::gibMoved)
                .containsExactly(tuple(0, 0.0, 0.0), tuple(1, 12.0, 8.0), tuple(2, 42.0, 16.0), tuple(3, 42.0, 16.0),
                        tuple(4, 42.0, 16.0));
    }

    @Test
    void theCurveStartsBeforeThePlanAndSaysWhatEachStepHasBought() {
        PlanView view = view(CLUSTER, STEPS, List.of("host-c"));
        List<CurvePoint> curve = view.curve();

        // host-c's 120 W are saved once vm-4 has left it (step 2); it is off after step 4.
        assertThat(curve).extracting(CurvePoint::hostsUsed, CurvePoint::hostsOff, CurvePoint::wattsSaved)
                .containsExactly(tuple(3, 0, 0.0), tuple(3, 0, 0.0), tuple(2, 0, 120.0), tuple(2, 0, 120.0),
                        tuple(2, 1, 120.0));
        // host-a runs 30 of 32 cores before; after, the hottest is host-b's 22 cores.
        assertThat(curve.get(0).hottest().cpu()).isCloseTo(30 / 32.0, within(1e-9));
        assertThat(curve.get(4).hottest().cpu()).isCloseTo(22 / 32.0, within(1e-9));
        assertThat(curve.get(0).spread().cpu())
                .isCloseTo(view.figures().utilisation().get(Resource.CPU).before().stdDev(), within(1e-9));
        assertThat(curve.get(4).spread().cpu())
                .isCloseTo(view.figures().utilisation().get(Resource.CPU).after().stdDev(), within(1e-9));
    }

    @Test
    void aPlanWrittenBeforeTheFiguresAfterEachStepHasThemReplayed() {
        Placement after = placementAfter(CLUSTER, STEPS);
        MigrationPlan plan = new MigrationPlan("balance", "0hard/-5soft", after, new ArrayList<>(STEPS), null);

        List<CurvePoint> curve = PlanView.of(CLUSTER, BALANCE, plan).curve();

        assertThat(curve.subList(1, curve.size())).extracting(CurvePoint::hostsUsed, CurvePoint::wattsSaved)
                .containsExactlyElementsOf(AfterStep.replay(CLUSTER, STEPS).stream()
                        .map(p -> tuple(p.hostsUsed(), p.wattsSaved())).toList());
    }

    @Test
    void eachStepCarriesItsReasonAndTerms() {
        Reason relief = new Reason("relieves host-a: cpu 93.8% -> 68.8% (limit 85%)",
                List.of(Term.relieves("host-a", Resource.CPU, 30 / 32.0, 22 / 32.0, 0.85)));
        List<Step> steps = List.of(STEPS.get(0).withReason(relief), STEPS.get(2));
        MigrationPlan plan = new MigrationPlan("balance", "0hard/-5soft", placementAfter(CLUSTER,
                List.of(STEPS.get(0), STEPS.get(2))), steps, null);

        List<StepView> views = PlanView.of(CLUSTER, BALANCE, plan).steps();

        assertThat(views.get(0).reason()).isEqualTo(relief.text());
        assertThat(views.get(0).terms()).isEqualTo(relief.terms());
        assertThat(views.get(1).reason()).isNull();
        assertThat(views.get(1).terms()).isEmpty();
    }

    @Test
    void aPlanWithoutItsSummaryHasItsFiguresWorkedOutFromTheSteps() {
        Placement after = placementAfter(CLUSTER, STEPS);
        List<Step> steps = new ArrayList<>(STEPS);
        MigrationPlan plan = new MigrationPlan("balance", "0hard/-5soft", after, steps, null);

        PlanView.Figures figures = PlanView.of(CLUSTER, BALANCE, plan).figures();

        assertThat(figures.migrations()).isEqualTo(2);
        assertThat(figures.hostsUsedAfter()).isEqualTo(2);
        assertThat(figures.droppedMoves()).isZero();
    }

    private static PlanView view(ClusterSnapshot snapshot, List<VmStep> steps, List<String> off) {
        return view(snapshot, steps, off, List.of());
    }

    private static PlanView view(ClusterSnapshot snapshot, List<VmStep> steps, List<String> off, List<DroppedMove> dropped) {
        Placement after = placementAfter(snapshot, steps);
        List<Step> all = new ArrayList<>(steps);
        off.forEach(host -> all.add(new PowerOff(host)));
        MigrationPlan plan = new MigrationPlan("balance", "0hard/-5soft", after, all,
                PlanSummary.of(snapshot, after, all, dropped));
        return PlanView.of(snapshot, BALANCE, plan);
    }

    private static Placement placementAfter(ClusterSnapshot snapshot, List<VmStep> steps) {
        Placement after = snapshot.currentPlacement();
        for (VmStep step : steps) {
            after = after.with(step.vm(), step.to());
        }
        return after;
    }

    private static Host host(String name, Power power) {
        return new Host(name, HostState.ACTIVE, new Resources(32, 128 * 1024, 10_000), null,
                Set.of("nfs-vms"), Set.of("virbr0"), null, power, null);
    }

    private static Vm vm(String name, String host, int gib, double cpu) {
        return new Vm(name, host, gib * 1024L, 8, new Demand(cpu, 10), null, "nfs-vms", Set.of("virbr0"), false);
    }
}
