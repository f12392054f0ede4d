package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario's cases against one snapshot, in order, each answered with a verdict and its
 * evidence. Every plan a case makes is the planner's, checked step by step as any plan is. Call
 * {@link ScenarioCheck} first: the cases' hosts must be in the snapshot.
 */
public final class WhatIfRunner {

    private final SolverSettings settings;
    private final Clock clock;
    private final WhatIfProgress progress;

    public WhatIfRunner(SolverSettings settings, Clock clock, WhatIfProgress progress) {
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * @param policy   the scenario's policy, resolved
     * @param policies the policies {@code compare} cases name, resolved, by the name they are given
     */
    public WhatIfAnswers run(ClusterSnapshot snapshot, WhatIf scenario, Policy policy, Map<String, Policy> policies) {
        List<Answer> answers = new ArrayList<>();
        int index = 0;
        for (WhatIfCase question : scenario.cases()) {
            progress.caseStarted(question.name(), ++index, scenario.cases().size());
            answers.add(answer(snapshot, policy, policies, question));
        }
        return new WhatIfAnswers(snapshot, policy, answers);
    }

    private Answer answer(ClusterSnapshot snapshot, Policy policy, Map<String, Policy> policies, WhatIfCase question) {
        if (question instanceof WhatIfCase.Fail fail) {
            return new Failures(snapshot, policy, settings, this::planner, progress, clock).answer(fail);
        }
        if (question instanceof WhatIfCase.Maintenance maintenance) {
            return new Evacuations(snapshot, policy, planner(settings), progress).answer(maintenance);
        }
        if (question instanceof WhatIfCase.Grow grow) {
            return new Growth(snapshot, policy, planner(settings), progress).grow(grow);
        }
        if (question instanceof WhatIfCase.Add add) {
            return new Growth(snapshot, policy, planner(settings), progress).add(add);
        }
        if (question instanceof WhatIfCase.FitMore fitMore) {
            return FitMore.answer(fitMore, snapshot, policy);
        }
        return compare(snapshot, policies, (WhatIfCase.Compare) question);
    }

    private Answer.Compare compare(ClusterSnapshot snapshot, Map<String, Policy> policies, WhatIfCase.Compare question) {
        List<Answer.PolicyResult> results = new ArrayList<>();
        for (String name : question.policies()) {
            Policy policy = policies.get(name);
            try {
                progress.planning();
                MigrationPlan plan = planner(settings).plan(snapshot, policy);
                results.add(new Answer.PolicyResult(name, PlanFigures.of(plan), plan, List.of()));
            } catch (NoFeasiblePlacementException e) {
                results.add(new Answer.PolicyResult(name, null, null, e.reasons()));
            }
        }
        boolean ok = results.stream().allMatch(r -> r.figures() != null);
        return new Answer.Compare(question.name(), Verdict.of(ok), results);
    }

    private Planner planner(SolverSettings with) {
        return new Planner(with, clock, stats -> { }, progress::search);
    }
}
