package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.consolidate;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.Goal;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.solver.ProblemBuilder;
import dev.ballast.scheduler.solver.SolverFactories;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnpaidMovesTest {

    private final Policy policy = consolidate();
    private final Goal goal = Goals.registry().of(policy);

    // a and b on h1 and h2, h3 empty: only a move that empties a host pays under consolidation.
    private final ClusterSnapshot snapshot = new ClusterSnapshot(
            List.of(host("h1"), host("h2"), host("h3")),
            List.of(vm("a", "h1", 4, 1), vm("b", "h2", 4, 1), vm("c", "h2", 4, 1)),
            List.of());

    private UnpaidMoves.Result drop(Map<String, String> target) {
        var solution = ProblemBuilder.build(snapshot, policy, goal.on(snapshot, policy).prices(),
                new Placement(target));
        return UnpaidMoves.drop(SolverFactories.forConstraints(goal.constraints(), SolverSettings.DEFAULT), solution,
                System.nanoTime() + Duration.ofMinutes(1).toNanos(), System::nanoTime);
    }

    @Test
    void aMoveThatEmptiesAHostPaysAndStays() {
        UnpaidMoves.Result result = drop(Map.of("a", "h2", "b", "h2", "c", "h2"));
        assertThat(result.target().hostOf("a")).isEqualTo("h2");
        assertThat(result.dropped()).isEmpty();
    }

    @Test
    void aMoveFromOneHostToAnEqualEmptyOneBuysNothingAndIsUndoneAndNamed() {
        UnpaidMoves.Result result = drop(Map.of("a", "h2", "b", "h3", "c", "h2"));
        // a empties h1 and stays; b's move to the empty h3 only switches a host on: undone.
        assertThat(result.target().hostOf("a")).isEqualTo("h2");
        assertThat(result.target().hostOf("b")).isEqualTo("h2");
        assertThat(result.dropped()).containsExactly(new DroppedMove("b", "h2", "h3", UnpaidMoves.REASON));
    }

    @Test
    void aMoveIsUndoneWithTheMovesThatTookItsRoomWhenTheyPayNothingTogether() {
        // b and c swap hosts... through h1: a to h3 and b to h1 buy nothing together, and
        // undoing a alone would not break a rule either, so each goes on its own.
        UnpaidMoves.Result result = drop(Map.of("a", "h3", "b", "h1", "c", "h2"));
        assertThat(result.target()).isEqualTo(snapshot.currentPlacement());
        assertThat(result.dropped()).extracting(DroppedMove::vm).containsExactlyInAnyOrder("a", "b");
    }
}
