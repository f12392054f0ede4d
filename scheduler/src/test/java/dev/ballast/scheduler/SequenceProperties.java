package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.Step;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.consolidate.ConsolidateSettings;
import dev.ballast.rules.PlanCheck;
import dev.ballast.simulator.ClusterGenerator;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sequencing against targets that reshuffle almost everything: a first-fit-decreasing packing
 * from scratch, on clusters up to 95% full, where moves wait on each other in long chains and
 * cycles. Whatever the cluster, the steps replay validly and reach the target, but for the moves
 * dropped with a reason.
 */
class SequenceProperties {

    @Property(tries = 60)
    void everyStepIsValidInTheStateBeforeIt(@ForAll @IntRange(min = 3, max = 40) int hosts,
            @ForAll @IntRange(min = 2, max = 14) int vmsPerHost, @ForAll @DoubleRange(min = 0.5, max = 0.95) double fill,
            @ForAll @IntRange(min = 0, max = 2) int groups, @ForAll long seed) {
        ClusterSnapshot snapshot = generate(hosts, vmsPerHost, fill, groups, seed);
        Assume.that(snapshot != null);
        Policy tight = new Policy("tight", new Limits(1.0, 1.0, 1.0), null, ConsolidateSettings.DEFAULTS);
        Optional<Placement> target = FirstFitDecreasing.place(snapshot, tight);
        Assume.that(target.isPresent());

        Sequence sequence = Sequencer.of(snapshot, tight, target.get());

        MigrationPlan plan = new MigrationPlan("tight", "", sequence.reached(), List.copyOf(sequence.steps()),
                PlanSummary.of(snapshot, sequence.reached(), sequence.steps()));
        assertThat(PlanCheck.firstProblem(snapshot, tight, plan)).isEmpty();
        assertReachesTheTargetButForTheDropped(sequence, target.get());
        assertMovesTwiceOnlyThroughADetour(snapshot, sequence.steps());
    }

    /** A sample that once ended with an affinity group apart: one member's move could not be ordered. */
    @Example
    void anAffinityGroupMovesWholeOrNotAtAll() {
        everyStepIsValidInTheStateBeforeIt(11, 10, 0.95, 2, -1L);
    }

    private static ClusterSnapshot generate(int hosts, int vmsPerHost, double fill, int groups, long seed) {
        try {
            return ClusterGenerator.generate(new ClusterGenerator.Options(hosts, hosts * vmsPerHost, fill, 0.5,
                    Math.min(groups, hosts * vmsPerHost / 3), seed));
        } catch (IllegalArgumentException tooFullToGenerate) {
            return null;
        }
    }

    private static void assertReachesTheTargetButForTheDropped(Sequence sequence, Placement target) {
        Map<String, String> expected = new HashMap<>(target.hostOfVm());
        for (DroppedMove dropped : sequence.dropped()) {
            expected.remove(dropped.vm());
            assertThat(dropped.reason()).isNotBlank();
        }
        Map<String, String> reached = new HashMap<>(sequence.reached().hostOfVm());
        sequence.dropped().forEach(d -> reached.remove(d.vm()));
        assertThat(reached).isEqualTo(expected);
    }

    /** Replays the steps: a VM moves once, or twice when its first move is an announced detour. */
    static void assertMovesTwiceOnlyThroughADetour(ClusterSnapshot snapshot, List<? extends Step> steps) {
        Map<String, Integer> moves = new HashMap<>();
        Map<String, Boolean> firstWasDetour = new HashMap<>();
        for (Migration step : steps.stream().filter(Migration.class::isInstance).map(Migration.class::cast).toList()) {
            int count = moves.merge(step.vm(), 1, Integer::sum);
            if (count == 1) {
                firstWasDetour.put(step.vm(), step.detour());
            } else {
                assertThat(count).as("moves of %s", step.vm()).isEqualTo(2);
                assertThat(firstWasDetour.get(step.vm())).as("%s's first move was a detour", step.vm()).isTrue();
                assertThat(step.detour()).isFalse();
            }
        }
    }
}
