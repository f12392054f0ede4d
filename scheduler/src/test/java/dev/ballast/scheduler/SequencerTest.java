package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.balance;
import static dev.ballast.scheduler.Clusters.consolidate;
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

    @Test
    void theHottestHostIsRelievedFirstAndOnlyAsFarAsItsLimits() {
        // Limit 85%: 13.6 of 16 cores. h1 runs 15 cores (94%), h2 14 (88%). Moving a takes h1 to
        // 13 cores: relieved. b's move off h1 relieves nothing more, so h2's relief by d comes
        // before it; then the rest, off the hottest host first: b (h1 at 94% before), then g.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3"), host("h4"), host("h5")),
                List.of(vm("a", "h1", 4, 2), vm("b", "h1", 4, 2), vm("c", "h1", 4, 11),
                        vm("d", "h2", 4, 2), vm("e", "h2", 4, 12), vm("g", "h5", 4, 8), vm("k", "h5", 4, 1)),
                List.of());
        Placement target = new Placement(Map.of("a", "h3", "b", "h4", "c", "h1", "d", "h4", "e", "h2", "g", "h3",
                "k", "h5"));

        Sequence sequence = Sequencer.of(snapshot, policy, target);

        assertThat(sequence.steps()).extracting(s -> s.vm()).containsExactly("a", "d", "b", "g");
        assertValid(snapshot, policy, sequence);
    }

    @Test
    void drainedHostsEmptyOneAtATimeTheFastestFirst() {
        // h2 holds 8 GiB to move, h3 4 GiB, h4 12 GiB: h3 empties first, then h2, then h4, each
        // in a run of its own moves. h1 keeps everything.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3"), host("h4")),
                List.of(vm("k", "h1", 4, 1), vm("a", "h2", 4, 1), vm("b", "h4", 4, 1), vm("c", "h2", 4, 1),
                        vm("d", "h3", 4, 1), vm("e", "h4", 8, 1)),
                List.of());
        Placement onH1 = new Placement(Map.of("k", "h1", "a", "h1", "b", "h1", "c", "h1", "d", "h1", "e", "h1"));

        Sequence sequence = Sequencer.of(snapshot, consolidate(), onH1);

        assertThat(sequence.steps()).extracting(s -> s.from()).containsExactly("h3", "h2", "h2", "h4", "h4");
        assertValid(snapshot, consolidate(), sequence);
    }

    @Test
    void aHostIsEmptiedBeforeItIsFilled() {
        // a leaves h1 (10 of 16 cores, the hottest) for h2, and b leaves h2 for h3. Both fit in
        // any order (h2 would run 10 cores with both), but b goes first: h2 never holds both, and
        // no host is ever busier than before or after the plan.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 4, 6), vm("x", "h1", 4, 4), vm("b", "h2", 4, 4), vm("c", "h3", 4, 1)),
                List.of());
        Placement target = new Placement(Map.of("a", "h2", "x", "h1", "b", "h3", "c", "h3"));

        Sequence sequence = Sequencer.of(snapshot, policy, target);

        assertThat(sequence.steps()).extracting(s -> s.vm()).containsExactly("b", "a");
        assertValid(snapshot, policy, sequence);
    }

    @Test
    void twoHostsSwapVmsWhenBothFit() {
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 8, 1), vm("b", "h2", 8, 1)),
                List.of());
        Placement swapped = new Placement(Map.of("a", "h2", "b", "h1"));

        Sequence sequence = Sequencer.of(snapshot, policy, swapped);

        assertThat(sequence.steps()).hasSize(2).noneMatch(s -> ((Migration) s).detour());
        assertThat(sequence.reached()).isEqualTo(swapped);
        assertValid(snapshot, policy, sequence);
    }

    @Test
    void anAffinityGroupMovesInConsecutiveSteps() {
        // x and y must share a host; they move from h1 to h3. z's move off the hotter h2 ranks
        // between them, but once x has moved, y follows before anything else.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3"), host("h4")),
                List.of(vm("x", "h1", 4, 6), vm("y", "h1", 4, 1), vm("z", "h2", 4, 3), vm("w", "h2", 4, 2)),
                List.of(new Group("app", GroupRule.AFFINITY, List.of("x", "y"))));
        Placement target = new Placement(Map.of("x", "h3", "y", "h3", "z", "h4", "w", "h2"));

        Sequence sequence = Sequencer.of(snapshot, policy, target);

        assertThat(sequence.steps()).extracting(s -> s.vm()).containsExactly("x", "y", "z");
        assertValid(snapshot, policy, sequence);
    }

    @Test
    void aDrainThatBringsAnIdleHostIntoUseComesAfterTheOthers() {
        // h2's VM fits only on the idle h4, h3's goes to h1: the plan spends h4's watts on h2's
        // drain, so h3 is emptied first. Listed the other way round.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3"), host("h4")),
                List.of(vm("k", "h1", 50, 1), vm("a", "h2", 8, 1), vm("b", "h3", 8, 1)),
                List.of());
        Placement target = new Placement(Map.of("k", "h1", "a", "h4", "b", "h1"));

        Sequence sequence = Sequencer.of(snapshot, consolidate(), target);

        assertThat(sequence.steps()).extracting(s -> s.vm()).containsExactly("b", "a");
    }

    @Test
    void aReliefDoesNotWaitForItsDestinationToEmptyFirst() {
        // a relieves h1 (14 of 16 cores, over the 85% limit) by going to h2, which sends b to h3
        // in the same plan. The relief mends a broken rule: it runs first, as h2 has room anyway.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 4, 6), vm("x", "h1", 4, 8), vm("b", "h2", 4, 4), vm("c", "h3", 4, 1)),
                List.of());
        Placement target = new Placement(Map.of("a", "h2", "x", "h1", "b", "h3", "c", "h3"));

        Sequence sequence = Sequencer.of(snapshot, policy, target);

        assertThat(sequence.steps()).extracting(s -> s.vm()).containsExactly("a", "b");
        assertValid(snapshot, policy, sequence);
    }
}
