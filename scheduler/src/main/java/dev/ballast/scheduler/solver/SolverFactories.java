package dev.ballast.scheduler.solver;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Goal;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.rules.solver.PlanningVm;
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
        return forGoal(goal, settings, DEFAULT_TEMPERATURE);
    }

    /**
     * The starting temperature of simulated annealing for a cluster: a share of a mean host's
     * power price when consolidating, so that hosts of 100 W and computers costing 2,000 a month
     * are searched alike; a small VM's move when balancing. When no VM runs yet (a first
     * placement, a what-if from scratch) no move costs a migration, and the search roams hotter.
     */
    public static long temperatureFor(ClusterSnapshot snapshot, Policy policy) {
        if (policy.goal() != Goal.CONSOLIDATE) {
            return DEFAULT_TEMPERATURE;
        }
        double meanIdleWatts = snapshot.hosts().stream().filter(Host::isActive).mapToDouble(Host::idleWatts)
                .average().orElse(1);
        boolean firstPlacement = snapshot.vms().stream().allMatch(Vm::isNew);
        double share = firstPlacement ? FIRST_PLACEMENT_SHARE : TEMPERATURE_SHARE;
        return Math.max(1, Math.round(share * meanIdleWatts * Prices.PER_WATT * policy.weights().hostPower()));
    }

    /**
     * The share of a mean host's power price. Measured on cloud balancing 200 computers (vs best
     * known) and mixed 200 hosts (vs first fit decreasing): 0.5% gave 2.2% / -0.9%, 2% gave
     * 1.5% / -0.9%, 10% gave 0.9% / 0% (the search never left its greedy start), 20% gave 1.4%.
     */
    static final double TEMPERATURE_SHARE = 0.02;
    /**
     * The share when every VM is new. On cloud balancing 200 computers (seed 1, 60 s): 2% gave
     * 1.5% above the best known (2.0% and 1.5% with seeds 2 and 3), 5% gave 1.2%, 10% gave 0.8%.
     */
    static final double FIRST_PLACEMENT_SHARE = 0.10;
    private static final long DEFAULT_TEMPERATURE = 1000;

    public static SolverFactory<ClusterPlacement> forGoal(Goal goal, SolverSettings settings, long temperature) {
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
                        localSearch(temperature));
        if (settings.seed() != null) {
            config.setRandomSeed(settings.seed());
        }
        return SolverFactory.create(config);
    }

    /**
     * Simulated annealing, which on mixed clusters of 200 hosts packed 3-8% tighter than late
     * acceptance or tabu search in the same 30 s.
     */
    private static LocalSearchPhaseConfig localSearch(long temperature) {
        return new LocalSearchPhaseConfig()
                .withAcceptorConfig(new LocalSearchAcceptorConfig()
                        .withSimulatedAnnealingStartingTemperature("0hard/" + temperature + "soft"))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
    }


    public static Class<? extends ConstraintProvider> constraintsFor(Goal goal) {
        return goal == Goal.CONSOLIDATE ? ConsolidateConstraints.class : BalanceConstraints.class;
    }
}
