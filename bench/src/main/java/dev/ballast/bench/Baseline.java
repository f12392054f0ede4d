package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.balance.Tolerance;
import dev.ballast.scheduler.FirstFitDecreasing;

import java.util.Optional;

/**
 * What a case's plan is judged against, computed before planning: the lower bound on hosts,
 * first-fit decreasing's packing, and for balance the imbalance before.
 *
 * @param ffdHosts             null when first-fit decreasing found no placement
 * @param ffdSeconds           how long first-fit decreasing took: the planner runs it too, as its
 *                             warm start for consolidation, within the plan's time limit
 * @param cpuGapBeforePoints   how far the hottest host's CPU runs above the mean now
 * @param vmsOnOverloadedHosts null unless the case counts them ({@link BenchCase#hotAbove})
 * @param cpuGapFloorPoints    {@link Imbalance#cpuGapFloorPoints}
 * @param overload             the overload figures before the plan, with the greedy relief; null
 *                             unless the case is an overload case
 */
record Baseline(int hostsBefore, int lowerBound, Integer ffdHosts, Double ffdPowerWatts, double ffdSeconds,
        Double cpuGapBeforePoints, Integer vmsOnOverloadedHosts, Double cpuGapFloorPoints, OverloadFigures overload) {

    static Baseline of(ClusterSnapshot snapshot, Policy policy, Tolerance hotAbove, boolean overload) {
        Placement current = snapshot.currentPlacement();
        long started = System.nanoTime();
        Optional<Placement> ffd = FirstFitDecreasing.place(snapshot, policy);
        double ffdSeconds = (System.nanoTime() - started) / 1e9;
        return new Baseline(current.usedHosts().size(), LowerBound.hosts(snapshot, policy),
                ffd.map(p -> p.usedHosts().size()).orElse(null),
                ffd.map(p -> Watts.keptOn(snapshot, p)).orElse(null), ffdSeconds,
                Imbalance.cpuGapPoints(snapshot, current),
                hotAbove == null ? null : Imbalance.vmsOnOverloadedHosts(snapshot, policy, hotAbove),
                Imbalance.cpuGapFloorPoints(snapshot), overload ? OverloadSuite.before(snapshot, policy) : null);
    }
}
