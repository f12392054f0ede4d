package dev.ballast.bench;

import dev.ballast.scheduler.SearchProgress;
import java.util.function.Consumer;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.rules.HardRules;
import dev.ballast.rules.Violation;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SearchStats;
import dev.ballast.scheduler.SolverSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one case: loads its cluster, computes the baseline, plans with the case's policy while
 * watching the heap and the clock, and checks the plan against every hard rule without the
 * solver. The solver searches the whole time limit (its unimproved limit is the time limit too),
 * so that "at 60 s" means at 60 s.
 */
public final class CaseRunner {

    private final Duration timeLimit;
    private final long seed;
    private final Consumer<SearchProgress> progress;

    /** @param timeLimit overrides every case's own limit, or null to keep them */
    public CaseRunner(Duration timeLimit, long seed) {
        this(timeLimit, seed, p -> { });
    }

    /** @param progress hears each better placement a search finds, for a progress line */
    public CaseRunner(Duration timeLimit, long seed, Consumer<SearchProgress> progress) {
        this.timeLimit = timeLimit;
        this.seed = seed;
        this.progress = progress;
    }

    /** @throws BenchInputException when the case's cluster cannot be read */
    public CaseResult run(BenchCase benchCase) throws BenchInputException {
        Duration limit = timeLimit == null ? benchCase.timeLimit() : timeLimit;
        if (benchCase.whatIf() != null) {
            return WhatIfRun.of(benchCase, limit, seed, progress);
        }
        ClusterSnapshot snapshot = benchCase.cluster().load();
        Policy policy = benchCase.policy();
        Baseline baseline = Baseline.of(snapshot, policy, benchCase.hotAbove(), benchCase.overload());
        Run run = plan(snapshot, policy, limit);
        return Results.of(benchCase, snapshot, limit, baseline, run);
    }

    private Run plan(ClusterSnapshot snapshot, Policy policy, Duration limit) {
        List<SearchStats> searches = new ArrayList<>();
        Planner planner = new Planner(new SolverSettings(limit, limit, seed, true), Clock.systemUTC(), searches::add,
                progress);
        MigrationPlan plan = null;
        String error = null;
        long started;
        long peakBytes;
        try (HeapPeak heap = HeapPeak.start()) {
            started = System.nanoTime();
            try {
                plan = planner.plan(snapshot, policy);
            } catch (NoFeasiblePlacementException e) {
                error = e.getMessage();
            } catch (OutOfMemoryError e) {
                // The planner's objects are garbage now: the harness can go on to the next case.
                error = "out of memory (max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)";
            }
            peakBytes = heap.peakBytes();
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        if (plan != null) {
            error = independentCheck(snapshot, policy, plan);
        }
        return new Run(plan, error, searches, wallSeconds, peakBytes);
    }

    /** The solver's word is not taken: the plan's placement is checked against the hard rules. */
    private static String independentCheck(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        List<Violation> violations = HardRules.check(snapshot, policy, plan.placement());
        return violations.isEmpty() ? null
                : "the plan breaks " + violations.size() + " hard rules, e.g. " + violations.get(0);
    }

    /** What planning produced: a plan or why not, and how the search went. */
    record Run(MigrationPlan plan, String error, List<SearchStats> searches, double wallSeconds, long peakBytes) {

        Double timeToBestSeconds() {
            return searches.isEmpty() ? null : searches.get(0).timeToBest().toMillis() / 1000.0;
        }

        /** Over every search of the plan: a plan whose moves could not be ordered searches twice. */
        Double scoreCalculationsPerSecond() {
            long millis = searches.stream().mapToLong(s -> s.spent().toMillis()).sum();
            long count = searches.stream().mapToLong(SearchStats::scoreCalculations).sum();
            return millis == 0 ? null : count * 1000.0 / millis;
        }
    }
}
