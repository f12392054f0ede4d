package dev.ballast.scheduler.goals.balance;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Figure;
import dev.ballast.model.Term;
import dev.ballast.scheduler.goals.Goal;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.scheduler.goals.relieve.RelieveGoal;
import dev.ballast.scheduler.solver.Pricing;
import dev.ballast.scheduler.solver.ProblemBuilder;
import dev.ballast.scheduler.solver.SolverFactories;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * Balance: spread utilisation evenly over the active hosts, taking only the moves that even it
 * out by the threshold of the policy's {@code aggressiveness} (at 1, only the moves the limits
 * demand: relieve's), and, when the policy sets a {@code tolerance}, keeping every host within it
 * of the cluster's mean. Reads {@code aggressiveness}, {@code tolerance}, {@code minImprovement.points}
 * and {@code weights.spread}.
 */
public final class BalanceGoal implements Goal {

    @Override
    public String name() {
        return BalanceSettings.GOAL;
    }

    @Override
    public String description() {
        return "spread utilisation evenly over the active hosts";
    }

    @Override
    public List<String> settings() {
        return BalanceSettings.READS;
    }

    @Override
    public GoalSettings defaults() {
        return BalanceSettings.DEFAULTS;
    }

    @Override
    public GoalSettings read(GoalFields fields) {
        return BalanceSettings.read(fields);
    }

    @Override
    public List<String> describe(GoalSettings given) {
        BalanceSettings settings = (BalanceSettings) given;
        List<String> parts = new ArrayList<>();
        parts.add("aggressiveness " + settings.aggressiveness()
                + (settings.aggressiveness() == Aggressiveness.LEAST ? " (only the moves the limits demand)" : ""));
        Tolerance tolerance = settings.tolerance();
        if (tolerance != null) {
            parts.add(tolerance.isUniform() ? "tolerance " + number(tolerance.cpu())
                    : "tolerance cpu " + number(tolerance.cpu()) + " / memory " + number(tolerance.memory())
                            + " / network " + number(tolerance.network()));
        }
        if (settings.minImprovementPoints() > 0) {
            parts.add("plans must gain at least " + number(settings.minImprovementPoints()) + " points");
        }
        return parts;
    }

    @Override
    public Class<? extends ConstraintProvider> constraints() {
        return BalanceConstraints.class;
    }

    @Override
    public boolean restsWhileCooling() {
        return true;
    }

    /** At aggressiveness 1, relieve's objective: only the moves the limits demand. */
    /** A host over a limit is worse than a host woken: relieving wakes standby hosts when it needs room. */
    @Override
    public boolean wakesStandbyHosts() {
        return true;
    }

    @Override
    public Objective on(ClusterSnapshot snapshot, Policy policy) {
        BalanceSettings settings = (BalanceSettings) policy.settings();
        if (settings.aggressiveness() == Aggressiveness.LEAST) {
            return RelieveGoal.objective(snapshot, policy);
        }
        return new BalanceObjective(snapshot, policy, settings);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%s", value);
    }

    /** Balance on one cluster: its hot-spot thresholds, when it has a tolerance, are computed here once. */
    private static final class BalanceObjective implements Objective {

        private final ClusterSnapshot snapshot;
        private final Policy policy;
        private final BalanceSettings settings;
        private final HotSpots hotSpots;
        private final BalancePrices prices;
        private final Objective relief;

        BalanceObjective(ClusterSnapshot snapshot, Policy policy, BalanceSettings settings) {
            this.snapshot = snapshot;
            this.policy = policy;
            this.settings = settings;
            this.hotSpots = settings.tolerance() == null ? null : HotSpots.of(snapshot, settings.tolerance());
            this.prices = new BalancePrices(settings, policy.migrationWeight(),
                    ProblemBuilder.meanActiveCapacity(snapshot), hotSpots);
            this.relief = RelieveGoal.objective(snapshot, policy);
        }

        /** Hot-spot prices from the same {@link HotSpots} as {@link #startingPoints}. */
        @Override
        public Pricing prices() {
            return prices;
        }

        /** A small VM's move. */
        @Override
        public long temperature() {
            return SolverFactories.DEFAULT_TEMPERATURE;
        }

        /**
         * The moves the limits demand (relieve's greedy start), then every move that pays its
         * threshold, greedily. With a tolerance, also shaving the hot hosts one VM at a time.
         */
        @Override
        public Map<String, Optional<Placement>> startingPoints() {
            Map<String, Optional<Placement>> plans = new LinkedHashMap<>();
            Optional<Placement> relieved = relief.startingPoints().values().iterator().next();
            plans.put("greedy relief, evened out", EvenOut.from(snapshot, policy, prices, relieved));
            if (hotSpots != null) {
                plans.put("hot hosts shaved", ShaveHotSpots.place(snapshot, policy, hotSpots));
            }
            return plans;
        }

        /**
         * Below the policy's minImprovement, in points off the hottest host's gap; with none set,
         * a plan that evens nothing out, by the gap or by the spread.
         */
        @Override
        public Optional<String> tooSmall(Placement target, List<String> switchedOff) {
            double points = 100 * (Imbalance.of(snapshot, snapshot.currentPlacement()) - Imbalance.of(snapshot, target));
            double spreadPoints = 100 * (Spread.of(snapshot, snapshot.currentPlacement()) - Spread.of(snapshot, target));
            double least = settings.minImprovementPoints();
            boolean enough = least > 0 ? points >= least : points > 0 || spreadPoints > 0;
            return enough ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                    "the plan takes %.1f points off the imbalance and %.1f off the spread, under the policy's"
                            + " minImprovement of %.1f", points, spreadPoints, least));
        }

        /** The hottest host's gap above the mean, as a fraction. */
        @Override
        public double measure(Placement placement) {
            return Imbalance.of(snapshot, placement);
        }

        /**
         * A move that evens out two hosts, off one that runs hot (above the mean plus the
         * tolerance, when the policy sets one), cools it: {@code cools hot host-a: cpu 71% -> 63%,
         * host-b cpu 20% -> 28% (mean 41%)}. Other steps keep the generic words.
         */
        @Override
        public Optional<String> reason(List<Term> terms) {
            if (hotSpots == null || terms.size() != 2 || terms.get(0).kind() != Term.Kind.EVENS) {
                return Optional.empty();
            }
            Term from = terms.get(0);
            Term to = terms.get(1);
            Host host = snapshot.host(from.host()).orElseThrow();
            double hotAbove = hotSpots.threshold(host, from.resource()) / host.capacity().get(from.resource());
            return from.before() <= hotAbove ? Optional.empty() : Optional.of("cools hot " + from.host() + ": "
                    + from.change() + ", " + to.host() + " " + to.change() + " (mean " + Term.percent(to.mean()) + ")");
        }

        @Override
        public List<Figure> efficacy(Placement target) {
            List<Figure> figures = new ArrayList<>(List.of(
                    new Figure("imbalance before", 100 * Imbalance.of(snapshot, snapshot.currentPlacement()), "points"),
                    new Figure("imbalance after", 100 * Imbalance.of(snapshot, target), "points"),
                    new Figure("spread before", 100 * Spread.of(snapshot, snapshot.currentPlacement()), "points"),
                    new Figure("spread after", 100 * Spread.of(snapshot, target), "points")));
            if (hotSpots != null) {
                figures.add(new Figure("hot hosts before",
                        hotSpots.hotHosts(snapshot, snapshot.currentPlacement()).size(), ""));
                figures.add(new Figure("hot hosts after", hotSpots.hotHosts(snapshot, target).size(), ""));
            }
            return figures;
        }

        /** What relief leaves unresolved: the limits are the same. */
        @Override
        public Map<String, String> unresolved(Placement target) {
            return relief.unresolved(target);
        }
    }
}
