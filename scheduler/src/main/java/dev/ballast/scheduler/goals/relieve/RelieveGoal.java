package dev.ballast.scheduler.goals.relieve;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Figure;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.Goal;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.scheduler.solver.Pricing;
import dev.ballast.scheduler.solver.ProblemBuilder;
import dev.ballast.scheduler.solver.SolverFactories;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * Relieve: bring every host within the policy's limits and empty the hosts that must be emptied,
 * with the fewest migrations and the least memory copied; nothing else moves. What an overload
 * trigger runs: a host that cannot be relieved is named with the reason, and the others are
 * relieved all the same. Reads no setting of its own.
 */
public final class RelieveGoal implements Goal {

    @Override
    public String name() {
        return RelieveSettings.GOAL;
    }

    @Override
    public String description() {
        return "bring every host within the limits with the fewest, cheapest migrations; nothing else moves";
    }

    @Override
    public List<String> settings() {
        return RelieveSettings.READS;
    }

    @Override
    public GoalSettings defaults() {
        return RelieveSettings.DEFAULTS;
    }

    @Override
    public GoalSettings read(GoalFields fields) {
        return RelieveSettings.read(fields);
    }

    @Override
    public List<String> describe(GoalSettings settings) {
        return List.of();
    }

    @Override
    public Class<? extends ConstraintProvider> constraints() {
        return RelieveConstraints.class;
    }

    @Override
    public boolean restsWhileCooling() {
        return true;
    }

    /** Whatever the policy's goal settings: balance at aggressiveness 1 is this objective too. */
    /** A host over a limit is worse than a host woken: relieving wakes standby hosts when it needs room. */
    @Override
    public boolean wakesStandbyHosts() {
        return true;
    }

    @Override
    public Objective on(ClusterSnapshot snapshot, Policy policy) {
        return objective(snapshot, policy);
    }

    /** Relief of one cluster under the policy's limits, for this goal and for balance at level 1. */
    public static Objective objective(ClusterSnapshot snapshot, Policy policy) {
        return new RelieveObjective(snapshot, policy);
    }

    /** Relief on one cluster. */
    private static final class RelieveObjective implements Objective {

        private final ClusterSnapshot snapshot;
        private final Policy policy;
        private final Excess excess;
        private final RelievePrices prices;
        private final double before;

        RelieveObjective(ClusterSnapshot snapshot, Policy policy) {
            this.snapshot = snapshot;
            this.policy = policy;
            this.excess = new Excess(policy);
            this.prices = new RelievePrices(policy.migrationWeight(), ProblemBuilder.meanActiveCapacity(snapshot));
            this.before = excess.total(snapshot, snapshot.currentPlacement());
        }

        @Override
        public Pricing prices() {
            return prices;
        }

        /** A tenth of a MiB copied: the search takes no move that costs more than it relieves. */
        @Override
        public long temperature() {
            return SolverFactories.DEFAULT_TEMPERATURE;
        }

        @Override
        public Map<String, Optional<Placement>> startingPoints() {
            Map<String, Optional<Placement>> plans = new LinkedHashMap<>();
            plans.put("greedy relief", GreedyRelief.place(snapshot, policy, excess, prices));
            return plans;
        }

        @Override
        public Optional<String> tooSmall(Placement target, List<String> switchedOff) {
            if (before <= Excess.NONE) {
                return Optional.of("no host is over a limit or must be emptied: nothing to relieve");
            }
            return measure(target) < before - Excess.NONE ? Optional.empty()
                    : Optional.of("the plan takes nothing off the load over the limits");
        }

        /** The total excess over the limits, in shares of a host's capacity ({@link Excess}). */
        @Override
        public double measure(Placement placement) {
            return excess.total(snapshot, placement);
        }

        @Override
        public List<Figure> efficacy(Placement target) {
            return List.of(
                    new Figure("over the limits before", 100 * before, "points"),
                    new Figure("over the limits after", 100 * measure(target), "points"),
                    new Figure("hosts to relieve before", excess.hostsOver(snapshot, snapshot.currentPlacement()).size(),
                            ""),
                    new Figure("hosts to relieve after", excess.hostsOver(snapshot, target).size(), ""));
        }

        @Override
        public Map<String, String> unresolved(Placement target) {
            return new Unrelieved(snapshot, policy, excess).of(target);
        }
    }
}
