package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Goal;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.model.Weights;
import dev.ballast.policies.HardRules;
import dev.ballast.simulator.ClusterGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whatever the cluster, a plan's final placement keeps every hard rule, checked by the
 * solver-free rule checker, and its steps lead from the current placement to it.
 */
class PlanProperties {

    private final Planner planner = new Planner(new SolverSettings(Duration.ofMillis(800), Duration.ofMillis(400), 1L));

    @Property(tries = 16)
    void everyPlanKeepsEveryHardRule(@ForAll @IntRange(min = 4, max = 60) int hosts,
            @ForAll @IntRange(min = 1, max = 12) int vmsPerHost, @ForAll @IntRange(min = 0, max = 3) int groups,
            @ForAll boolean oneHostInMaintenance, @ForAll Goal goal, @ForAll long seed) throws Exception {
        ClusterSnapshot snapshot = ClusterGenerator.generate(
                new ClusterGenerator.Options(hosts, hosts * vmsPerHost, 0.5, 0.8, groups, seed));
        if (oneHostInMaintenance) {
            snapshot = snapshot.withHostState(snapshot.hosts().get(0).name(), HostState.MAINTENANCE);
        }
        Policy policy = new Policy(goal.key(), goal, new Limits(0.85, 0.95, 0.8), null, Weights.DEFAULT);

        MigrationPlan plan = planner.plan(snapshot, policy);

        assertThat(HardRules.check(snapshot, policy, plan.placement())).isEmpty();
        assertThat(plan.placement().hostOfVm().keySet()).containsExactlyInAnyOrderElementsOf(
                snapshot.vms().stream().map(Vm::name).toList());
        assertStepsLeadToThePlacement(snapshot, plan);
    }

    /** Replays the steps: each starts where the VM is, no VM moves twice, and the end is the placement. */
    private static void assertStepsLeadToThePlacement(ClusterSnapshot snapshot, MigrationPlan plan) {
        Map<String, String> where = new HashMap<>(snapshot.currentPlacement().hostOfVm());
        Set<String> moved = new HashSet<>();
        for (Migration step : plan.steps()) {
            assertThat(where.get(step.vm())).as("where %s is before %s", step.vm(), step).isEqualTo(step.from());
            assertThat(moved.add(step.vm())).as("%s moves once", step.vm()).isTrue();
            where.put(step.vm(), step.to());
        }
        assertThat(where).isEqualTo(plan.placement().hostOfVm());
    }
}
