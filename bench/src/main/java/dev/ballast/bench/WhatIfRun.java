package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.scheduler.SearchProgress;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.whatif.Answer;
import dev.ballast.whatif.DecidedBy;
import dev.ballast.whatif.HostLoss;
import dev.ballast.whatif.ScenarioCheck;
import dev.ballast.whatif.Verdict;
import dev.ballast.whatif.WhatIfAnswers;
import dev.ballast.whatif.WhatIfProgress;
import dev.ballast.whatif.WhatIfRunner;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a what-if case as {@code ballast what-if} does: the scenario checked against the snapshot,
 * then answered by the {@link WhatIfRunner} with the command's solver settings (the case's time
 * limit shared by the plans a {@code fail: any} case asks for), while the heap and the clock are
 * watched and the planner's runs counted.
 */
final class WhatIfRun {

    /**
     * Issue 15: {@code fail: any} over 1,000 hosts must finish in minutes, not hours. A case
     * that takes longer is reported late.
     */
    static final Duration TARGET = Duration.ofMinutes(2);

    private static final double MIB = 1024.0 * 1024.0;

    private WhatIfRun() {
    }

    static CaseResult of(BenchCase benchCase, Duration limit, long seed, Consumer<SearchProgress> progress)
            throws BenchInputException {
        ClusterSnapshot snapshot = benchCase.cluster().load();
        List<String> problems = ScenarioCheck.problems(benchCase.whatIf(), benchCase.id(), snapshot, benchCase.id());
        if (!problems.isEmpty()) {
            throw new BenchInputException(benchCase.id() + ": the scenario does not fit the cluster: " + problems);
        }
        Watch watch = new Watch(progress);
        WhatIfRunner runner = new WhatIfRunner(SolverSettings.DEFAULT.withTimeLimit(limit).withSeed(seed),
                Clock.systemUTC(), watch);
        WhatIfAnswers answers = null;
        String error = null;
        long started;
        long peakBytes;
        try (HeapPeak heap = HeapPeak.start()) {
            started = System.nanoTime();
            watch.startedAt(started);
            try {
                answers = runner.run(snapshot, benchCase.whatIf(), benchCase.policy(), Map.of());
                watch.finished();
            } catch (OutOfMemoryError e) {
                error = "out of memory (max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)";
            }
            peakBytes = heap.peakBytes();
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        return new CaseResult(benchCase.suite(), benchCase.name(), benchCase.policy().goalName(),
                benchCase.policy().name(), snapshot.hosts().size(), snapshot.vms().size(), limit.toMillis() / 1000.0,
                answers != null, wallSeconds <= TARGET.toSeconds(), error,
                snapshot.currentPlacement().usedHosts().size(), null, LowerBound.hosts(snapshot, benchCase.policy()),
                null, null, null, null, null, null, null, null, peakBytes / MIB, wallSeconds,
                null, null, null, 0, null, null, null, null, null, null,
                answers == null ? null : figures(answers, watch));
    }

    private static WhatIfFigures figures(WhatIfAnswers answers, Watch watch) {
        int failed = 0;
        int lost = 0;
        int byPlanner = 0;
        int movingOthers = 0;
        int proven = 0;
        Integer fitMore = null;
        for (Answer answer : answers.answers()) {
            if (answer instanceof Answer.Fail fail) {
                failed += fail.hosts().size();
                lost += (int) fail.hosts().stream().filter(h -> !h.absorbable()).count();
                byPlanner += (int) fail.hosts().stream().filter(HostLoss::absorbable)
                        .filter(h -> h.decidedBy() == DecidedBy.PLANNER).count();
                movingOthers += (int) fail.hosts().stream().filter(h -> h.decidedBy() == DecidedBy.MOVING_OTHERS).count();
                proven += (int) fail.hosts().stream().filter(h -> h.decidedBy() == DecidedBy.PROOF).count();
            } else if (answer instanceof Answer.FitMore fit) {
                fitMore = (fitMore == null ? 0 : fitMore) + fit.count();
            }
        }
        boolean ok = answers.answers().stream().allMatch(a -> a.verdict() == Verdict.OK);
        return new WhatIfFigures(Verdict.of(ok).key(), failed, lost, byPlanner, movingOthers, proven, watch.plannerRuns.get(), fitMore,
                watch.caseSeconds);
    }

    /** Hears the runner: the planner's runs, each case's time, and the searches for the progress line. */
    private static final class Watch implements WhatIfProgress {

        private final Consumer<SearchProgress> progress;
        private final AtomicInteger plannerRuns = new AtomicInteger();
        private final Map<String, Double> caseSeconds = new LinkedHashMap<>();
        private String current;
        private long since;

        Watch(Consumer<SearchProgress> progress) {
            this.progress = progress;
        }

        void startedAt(long nanos) {
            since = nanos;
        }

        @Override
        public void caseStarted(String name, int index, int cases) {
            finished();
            current = name;
        }

        /** The case under way is over. */
        void finished() {
            long now = System.nanoTime();
            if (current != null) {
                caseSeconds.put(current, (now - since) / 1e9);
            }
            current = null;
            since = now;
        }

        @Override
        public void planning() {
            plannerRuns.incrementAndGet();
        }

        @Override
        public void search(SearchProgress search) {
            progress.accept(search);
        }
    }
}
