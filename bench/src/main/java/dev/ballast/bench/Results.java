package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;

import java.time.Duration;

/** Assembles a {@link CaseResult} from a case, its baseline and its run. */
final class Results {

    private static final double MIB = 1024.0 * 1024.0;
    // OptaPlanner checks its limit between steps, and the plan is ordered and checked after the
    // search: a plan that comes back a few milliseconds past the limit is not late.
    static final double IN_TIME_SLACK_SECONDS = 1.0;

    private Results() {
    }

    static CaseResult of(BenchCase benchCase, ClusterSnapshot snapshot, Duration limit, Baseline baseline,
            CaseRunner.Run run) {
        MigrationPlan plan = run.error() == null ? run.plan() : null;
        PlanSummary summary = plan == null ? null : plan.summary();
        Double power = plan == null ? null : Watts.keptOn(snapshot, plan.placement());
        Double best = benchCase.bestKnownCost();
        double limitSeconds = limit.toMillis() / 1000.0;
        return new CaseResult(benchCase.suite(), benchCase.name(), benchCase.policy().goalName(),
                benchCase.policy().name(), snapshot.hosts().size(), snapshot.vms().size(), limitSeconds,
                plan != null, plan != null && run.wallSeconds() <= limitSeconds + IN_TIME_SLACK_SECONDS, run.error(),
                baseline.hostsBefore(), summary == null ? null : summary.hostsUsedAfter(), baseline.lowerBound(),
                power, best, ratio(power, best),
                summary == null ? null : summary.migrations(), summary == null ? null : summary.newVmsPlaced(),
                summary == null ? null : summary.gibToMove(),
                run.timeToBestSeconds(), run.scoreCalculationsPerSecond(), run.peakBytes() / MIB, run.wallSeconds(),
                baseline.ffdHosts(), baseline.ffdPowerWatts(), ratio(power, baseline.ffdPowerWatts()), baseline.ffdSeconds(),
                baseline.cpuGapBeforePoints(),
                plan != null ? Imbalance.cpuGapPoints(snapshot, plan.placement()) : null,
                baseline.cpuGapFloorPoints(), baseline.vmsOnOverloadedHosts(),
                OverloadSuite.after(baseline.overload(), snapshot, benchCase.policy(),
                        plan == null ? null : plan.placement()),
                plan == null ? null : EmptiedHosts.vmsOn(snapshot, plan.placement()));
    }

    private static Double ratio(Double value, Double reference) {
        return value == null || reference == null || reference == 0 ? null : value / reference;
    }
}
