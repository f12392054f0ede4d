package dev.ballast.scheduler.solver;

import dev.ballast.model.Goal;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.scheduler.domain.PlanningVm;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicType;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/** The solver configuration for each goal: the one place where search settings live. */
public final class SolverFactories {

    private SolverFactories() {
    }

    public static SolverFactory<ClusterPlacement> forGoal(Goal goal, SolverSettings settings) {
        SolverConfig config = new SolverConfig()
                .withSolutionClass(ClusterPlacement.class)
                .withEntityClasses(PlanningVm.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(constraintsFor(goal)))
                .withTerminationConfig(new TerminationConfig()
                        .withSpentLimit(settings.timeLimit())
                        .withUnimprovedSpentLimit(settings.unimprovedLimit()))
                .withPhases(
                        // Only new VMs are unplaced: the current placement is the starting solution.
                        new ConstructionHeuristicPhaseConfig()
                                .withConstructionHeuristicType(ConstructionHeuristicType.FIRST_FIT_DECREASING),
                        new LocalSearchPhaseConfig());
        if (settings.seed() != null) {
            config.setRandomSeed(settings.seed());
        }
        return SolverFactory.create(config);
    }

    public static Class<? extends ConstraintProvider> constraintsFor(Goal goal) {
        return goal == Goal.CONSOLIDATE ? ConsolidateConstraints.class : BalanceConstraints.class;
    }
}
