package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.rules.ClusterState;
import dev.ballast.rules.HardRules;
import dev.ballast.rules.PlanCheck;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.simulator.ClusterGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan may stop after any step (a failure, a maintenance window closing, an operator's
 * cancel). Whatever the cluster and the goal, what has run by then is a valid plan of its own,
 * and, on a cluster that broke no rule before the plan, leaves it no worse than it was by the
 * goal's own measure (a broken rule is mended first, whatever it costs the goal: a hot host
 * relieved onto an idle one costs consolidation its watts). Three cuts are excused, as no order
 * avoids them: between a detour and the VM's move on; between the moves of an affinity group's
 * members; and in a cycle, while a host holds more than both before and after the plan and has
 * VMs still to send off.
 */
class CutPlanProperties {

    /** The planner with the shortest search it allows: the property is about the order, not the search. */
    private final Planner planner = new Planner(new SolverSettings(Duration.ofMillis(200), Duration.ofMillis(100), 1L));

    @Provide
    Arbitrary<String> goals() {
        return Arbitraries.of(Goals.registry().goals());
    }

    @Property(tries = 20)
    void aPlanCutAfterAnyStepIsValidAndNoWorseThanTheStart(@ForAll @IntRange(min = 3, max = 20) int hosts,
            @ForAll @IntRange(min = 2, max = 8) int vmsPerHost, @ForAll @DoubleRange(min = 0, max = 0.8) double skew,
            @ForAll @IntRange(min = 0, max = 2) int groups, @ForAll("goals") String goal, @ForAll long seed)
            throws Exception {
        ClusterSnapshot snapshot = generate(new ClusterGenerator.Options(hosts, hosts * vmsPerHost, 0.5, skew,
                Math.min(groups, hosts * vmsPerHost / 3), seed));
        Assume.that(snapshot != null);
        Policy policy = new Policy(goal, new Limits(0.85, 0.95, 0.8), null, Goals.registry().named(goal).defaults());
        Assume.that(FirstFitDecreasing.place(snapshot, policy).isPresent());

        MigrationPlan plan = planner.plan(snapshot, policy);

        Objective objective = Goals.registry().of(policy).on(snapshot, policy);
        double before = objective.measure(snapshot.currentPlacement());
        // A rule the cluster breaks is mended first, whatever that costs the goal.
        boolean keptEveryRule = HardRules.check(snapshot, policy, snapshot.currentPlacement()).isEmpty();
        ClusterState state = ClusterState.current(snapshot, policy);
        List<Step> steps = plan.steps();
        for (int cut = 1; cut <= steps.size(); cut++) {
            steps.get(cut - 1).applyTo(state);
            if (cut < steps.size() && (midDetour(steps, cut) || midAffinityGroup(snapshot, steps, cut))) {
                continue;
            }
            MigrationPlan prefix = new MigrationPlan(plan.policy(), plan.score(), null, steps.subList(0, cut), null);
            assertThat(PlanCheck.firstProblem(snapshot, policy, prefix))
                    .as("the plan cut after step %d of %d", cut, steps.size()).isEmpty();
            if (keptEveryRule && !midCycle(snapshot, plan, state, steps, cut)) {
                assertThat(objective.measure(state.placement()))
                        .as("%s's measure after step %d of %d (%s)", goal, cut, steps.size(),
                                steps.get(cut - 1).describe())
                        .isLessThanOrEqualTo(before + 1e-9);
            }
        }
    }

    private static ClusterSnapshot generate(ClusterGenerator.Options options) {
        try {
            return ClusterGenerator.generate(options);
        } catch (IllegalArgumentException tooFullToGenerate) {
            return null;
        }
    }

    /**
     * True when a host holds more of a resource than both before and after the plan, and a later
     * step still moves a VM off it: the hosts of a cycle (two hosts trading VMs, say) cannot all
     * stay under that in any order, and one holds more for a while.
     */
    private static boolean midCycle(ClusterSnapshot snapshot, MigrationPlan plan, ClusterState state, List<Step> steps,
            int cut) {
        Map<String, Resources> before = snapshot.currentPlacement().loadByHost(snapshot);
        Map<String, Resources> after = plan.placement().loadByHost(snapshot);
        for (Step later : steps.subList(cut, steps.size())) {
            if (later instanceof VmStep move && move.from() != null) {
                Resources was = before.getOrDefault(move.from(), Resources.ZERO);
                Resources will = after.getOrDefault(move.from(), Resources.ZERO);
                Resources higher = new Resources(Math.max(was.cpu(), will.cpu()),
                        Math.max(was.memoryMiB(), will.memoryMiB()), Math.max(was.networkMbps(), will.networkMbps()));
                if (!state.loadOf(move.from()).fitsWithin(higher)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a VM has taken a detour among the first {@code cut} steps and moves on only later. */
    private static boolean midDetour(List<Step> steps, int cut) {
        Set<String> away = new HashSet<>();
        for (Step step : steps.subList(0, cut)) {
            if (step instanceof Migration move) {
                if (move.detour()) {
                    away.add(move.vm());
                } else {
                    away.remove(move.vm());
                }
            }
        }
        return !away.isEmpty();
    }

    /** True when the steps just before and just after the cut move two VMs of one affinity group. */
    private static boolean midAffinityGroup(ClusterSnapshot snapshot, List<Step> steps, int cut) {
        if (!(steps.get(cut - 1) instanceof VmStep last) || !(steps.get(cut) instanceof VmStep next)) {
            return false;
        }
        Map<String, String> groupOf = new HashMap<>();
        for (Group group : snapshot.groups()) {
            if (group.rule() == GroupRule.AFFINITY) {
                group.vms().forEach(vm -> groupOf.put(vm, group.name()));
            }
        }
        String group = groupOf.get(last.vm());
        return group != null && group.equals(groupOf.get(next.vm()));
    }
}
