package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.VmStep;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.model.Vm;
import dev.ballast.rules.HardRules;
import dev.ballast.rules.PlanCheck;
import dev.ballast.simulator.ClusterGenerator;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whatever the cluster, a plan's final placement keeps every hard rule, checked by the
 * solver-free rule checker, and its steps lead from the current placement to it.
 */
class PlanProperties {

    /** Every registered goal. */
    @Provide
    Arbitrary<String> goals() {
        return Arbitraries.of(Goals.registry().goals());
    }

    private final Planner planner = new Planner(new SolverSettings(Duration.ofMillis(1500), Duration.ofMillis(700), 1L));

    @Property(tries = 12)
    void everyPlanKeepsEveryHardRule(@ForAll @IntRange(min = 4, max = 60) int hosts,
            @ForAll @IntRange(min = 1, max = 12) int vmsPerHost, @ForAll @IntRange(min = 0, max = 3) int groups,
            @ForAll boolean oneHostInMaintenance, @ForAll("goals") String goal, @ForAll long seed) throws Exception {
        ClusterSnapshot snapshot;
        try {
            snapshot = ClusterGenerator.generate(new ClusterGenerator.Options(hosts, hosts * vmsPerHost, 0.5, 0.8,
                    Math.min(groups, hosts * vmsPerHost / 3), seed));
        } catch (IllegalArgumentException tooLargeVmsToGenerate) {
            // A few draws of large VMs on few hosts leave the generator no room: no cluster to plan.
            Assume.that(false);
            return;
        }
        if (oneHostInMaintenance) {
            snapshot = snapshot.withHostState(snapshot.hosts().get(0).name(), HostState.MAINTENANCE);
        }
        Policy policy = new Policy(goal, new Limits(0.85, 0.95, 0.8), null, Goals.registry().named(goal).defaults());
        // A greedy packing proves a placement exists; without one, refusing is the right answer.
        Assume.that(FirstFitDecreasing.place(snapshot, policy).isPresent());

        MigrationPlan plan = planner.plan(snapshot, policy);

        assertThat(HardRules.check(snapshot, policy, plan.placement())).isEmpty();
        assertThat(plan.placement().hostOfVm().keySet()).containsExactlyInAnyOrderElementsOf(
                snapshot.vms().stream().map(Vm::name).toList());
        assertStepsLeadToThePlacement(snapshot, policy, plan);
    }

    /** Clusters 90-95% full, where plans must thread moves through little room, or say there is none. */
    @Property(tries = 8)
    void plansOnTightClustersAreValidOrRefusedWithReasons(@ForAll @IntRange(min = 4, max = 30) int hosts,
            @ForAll @IntRange(min = 3, max = 10) int vmsPerHost, @ForAll("goals") String goal, @ForAll long seed) throws Exception {
        ClusterSnapshot snapshot;
        try {
            snapshot = ClusterGenerator.generate(new ClusterGenerator.Options(hosts, hosts * vmsPerHost, 0.93, 0.8, 0, seed));
        } catch (IllegalArgumentException tooFullToGenerate) {
            return;
        }
        Policy policy = new Policy(goal, new Limits(0.95, 1.0, 0.9), null, Goals.registry().named(goal).defaults());
        MigrationPlan plan;
        try {
            plan = planner.plan(snapshot, policy);
        } catch (NoFeasiblePlacementException refused) {
            assertThat(refused.reasons()).isNotEmpty();
            return;
        }
        assertBreaksOnlyWhatItNames(snapshot, policy, plan);
        assertStepsLeadToThePlacement(snapshot, policy, plan);
    }

    /** The plan's end breaks no rule the cluster kept, and names every breach it leaves. */
    private static void assertBreaksOnlyWhatItNames(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        List<String> before = HardRules.check(snapshot, policy, snapshot.currentPlacement()).stream()
                .map(v -> v.rule() + "@" + v.where()).toList();
        List<String> after = HardRules.check(snapshot, policy, plan.placement()).stream()
                .map(v -> v.rule() + "@" + v.where()).toList();
        assertThat(before).containsAll(after);
        assertThat(plan.summary().unresolved()).extracting(u -> u.rule() + "@" + u.where()).containsAll(after);
    }

    /**
     * Replays the steps: each starts where the VM is and is valid in the state before it, no VM
     * moves twice but through a detour, and the end is the placement.
     */
    private static void assertStepsLeadToThePlacement(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        assertThat(PlanCheck.firstProblem(snapshot, policy, plan)).isEmpty();
        Map<String, String> where = new HashMap<>(snapshot.currentPlacement().hostOfVm());
        for (VmStep step : plan.vmSteps()) {
            assertThat(where.get(step.vm())).as("where %s is before %s", step.vm(), step).isEqualTo(step.from());
            where.put(step.vm(), step.to());
        }
        assertThat(where).isEqualTo(plan.placement().hostOfVm());
        SequenceProperties.assertMovesTwiceOnlyThroughADetour(snapshot, plan.steps());
    }
}
