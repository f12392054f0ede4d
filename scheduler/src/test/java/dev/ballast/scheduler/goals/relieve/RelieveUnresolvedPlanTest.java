package dev.ballast.scheduler.goals.relieve;

import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.pinned;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Unresolved;
import dev.ballast.model.VmStep;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Relieve through the planner, where a host cannot be relieved: the others are, and it is named with why. */
class RelieveUnresolvedPlanTest {

    @Test
    void aHostThatCannotBeRelievedIsNamedWithWhyAndTheOthersAreRelieved() throws Exception {
        // a and b each run 15 cores, 1.4 over their limit of 13.6; a's VMs are pinned.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b"), host("c")), List.of(
                pinned("a-1", "a", 4, 8), pinned("a-2", "a", 4, 7),
                vm("b-1", "b", 4, 8), vm("b-2", "b", 4, 7),
                vm("c-1", "c", 2, 1)), List.of());

        MigrationPlan plan = new Planner(new SolverSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1L))
                .plan(snapshot, RelieveGoalTest.RELIEVE);

        assertThat(plan.steps()).extracting(s -> ((VmStep) s).vm()).containsExactly("b-2");
        assertThat(plan.summary().unresolved()).extracting(Unresolved::where, Unresolved::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "cpu"));
        assertThat(plan.summary().unresolved().get(0).why())
                .endsWith(": every VM whose leaving would relieve it is pinned (a-1, a-2)");
    }
}
