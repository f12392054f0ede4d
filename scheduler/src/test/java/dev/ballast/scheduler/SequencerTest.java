package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.balance;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.rules.PlanCheck;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class SequencerTest {

    private final Policy policy = balance();

    /** Replays a sequence with the same check the planner and the executor use. */
    private static void assertValid(ClusterSnapshot snapshot, Policy policy, Sequence sequence) {
        MigrationPlan plan = new MigrationPlan(policy.name(), "", sequence.reached(), List.copyOf(sequence.steps()),
                PlanSummary.of(snapshot, sequence.reached(), sequence.steps()));
        assertThat(PlanCheck.firstProblem(snapshot, policy, plan)).isEmpty();
    }

    @Test
    void twoFullHostsSwapThroughADetour() {
        // h1 and h2 each hold one 40 GiB VM; at the 95% memory limit (60.8 GiB) neither can take
        // the other's VM while its own is still there. h3 has room for one of them.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 40, 1), vm("b", "h2", 40, 1), vm("c", "h3", 8, 1)),
                List.of());
        Placement swapped = new Placement(Map.of("a", "h2", "b", "h1", "c", "h3"));

        Sequence sequence = Sequencer.of(snapshot, policy, swapped);

        assertThat(sequence.dropped()).isEmpty();
        assertThat(sequence.steps()).hasSize(3);
        Migration detour = (Migration) sequence.steps().get(0);
        assertThat(detour.detour()).isTrue();
        assertThat(detour.to()).isEqualTo("h3");
        assertThat(sequence.steps().subList(1, 3)).noneMatch(s -> ((Migration) s).detour());
        assertThat(sequence.reached()).isEqualTo(swapped);
        assertValid(snapshot, policy, sequence);
    }

    @Test
    void aSwapWithNowhereToStepAsideIsDroppedWithTheReason() {
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 40, 1), vm("b", "h2", 40, 1)),
                List.of());

        Sequence sequence = Sequencer.of(snapshot, policy, new Placement(Map.of("a", "h2", "b", "h1")));

        assertThat(sequence.steps()).isEmpty();
        assertThat(sequence.dropped()).hasSize(2)
                .allSatisfy(d -> assertThat(d.reason()).startsWith("no safe order: memory: h"));
        assertThat(sequence.reached()).isEqualTo(snapshot.currentPlacement());
    }

    @Test
    void movesThatFreeRoomGoFirst() {
        // b must leave h2 before a fits there; listed the other way round.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 40, 1), vm("b", "h2", 40, 1)),
                List.of());

        Sequence sequence = Sequencer.of(snapshot, policy, new Placement(Map.of("a", "h2", "b", "h3")));

        assertThat(sequence.steps()).containsExactly(new Migration("b", "h2", "h3"), new Migration("a", "h1", "h2"));
        assertValid(snapshot, policy, sequence);
    }

    @Test
    void evacuationsGoBeforeOtherMoves() {
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2", HostState.MAINTENANCE), host("h3")),
                List.of(vm("a", "h1", 4, 1), vm("b", "h2", 4, 1)),
                List.of());

        Sequence sequence = Sequencer.of(snapshot, policy, new Placement(Map.of("a", "h3", "b", "h1")));

        assertThat(sequence.steps().get(0).vm()).isEqualTo("b");
    }

    @Test
    void antiAffinityHoldsInEveryIntermediateState() {
        // r1 and r2 must never share a host, not even for one step: r2 must leave h2 before r1 arrives.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("r1", "h1", 4, 1), vm("r2", "h2", 4, 1)),
                List.of(new Group("db", GroupRule.ANTI_AFFINITY, List.of("r1", "r2"))));

        Sequence sequence = Sequencer.of(snapshot, policy, new Placement(Map.of("r1", "h2", "r2", "h3")));

        assertThat(sequence.steps()).extracting(s -> s.vm()).containsExactly("r2", "r1");
        assertValid(snapshot, policy, sequence);
    }

    @Test
    void aNewVmIsStartedWhereThereIsRoom() {
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 40, 1), vm("new", null, 40, 1)),
                List.of());

        Sequence sequence = Sequencer.of(snapshot, policy, new Placement(Map.of("a", "h1", "new", "h2")));

        assertThat(sequence.steps()).containsExactly(new dev.ballast.model.StartVm("new", "h2"));
    }
}
