package dev.ballast.scheduler.goals.balance;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.GoalSettings;
import java.util.List;
import java.util.Objects;

/**
 * What a policy says to the balance goal.
 *
 * @param tolerance            how far above the cluster's mean utilisation each resource of a host
 *                             may run before the host counts as hot ({@code tolerance})
 * @param spread               the price of uneven utilisation, a multiplier of 1.0 ({@code weights.spread})
 * @param minImprovementPoints the percentage points a plan must take off the imbalance to be worth
 *                             its migrations ({@code minImprovement.points})
 */
public record BalanceSettings(Tolerance tolerance, double spread, double minImprovementPoints)
        implements GoalSettings {

    public static final String GOAL = "balance";
    public static final Tolerance DEFAULT_TOLERANCE = Tolerance.uniform(0.04);
    public static final BalanceSettings DEFAULTS = new BalanceSettings(DEFAULT_TOLERANCE, 1.0, 0);

    static final String TOLERANCE = "tolerance";
    static final String MIN_IMPROVEMENT = "minImprovement.points";
    static final String SPREAD = "weights.spread";
    static final List<String> READS = List.of(TOLERANCE, MIN_IMPROVEMENT, SPREAD);

    public BalanceSettings {
        Objects.requireNonNull(tolerance, "tolerance");
    }

    @Override
    public String goal() {
        return GOAL;
    }

    public BalanceSettings withTolerance(Tolerance newTolerance) {
        return new BalanceSettings(newTolerance, spread, minImprovementPoints);
    }

    public BalanceSettings withMinImprovementPoints(double points) {
        return new BalanceSettings(tolerance, spread, points);
    }

    /** Reads the settings, or null after reporting what is wrong with them. */
    static BalanceSettings read(GoalFields fields) {
        Tolerance tolerance = tolerance(fields);
        Double spread = fields.nonNegative(SPREAD, DEFAULTS.spread());
        Double points = fields.nonNegative(MIN_IMPROVEMENT, DEFAULTS.minImprovementPoints());
        return tolerance == null || spread == null || points == null ? null
                : new BalanceSettings(tolerance, spread, points);
    }

    /** {@code tolerance: 0.04} for every resource, or {@code tolerance: {cpu: 0.02, memory: 0.1}}. */
    private static Tolerance tolerance(GoalFields fields) {
        Tolerance defaults = DEFAULT_TOLERANCE;
        if (!fields.isObject(TOLERANCE)) {
            if (fields.has(TOLERANCE) && !fields.isNumber(TOLERANCE)) {
                return fields.expected(TOLERANCE,
                        "a number (for every resource) or an object with cpu, memory and network");
            }
            Double all = fields.fraction(TOLERANCE, defaults.cpu());
            return all == null ? null : Tolerance.uniform(all);
        }
        fields.allowOnly(TOLERANCE, "cpu", "memory", "network");
        Double cpu = fields.fraction(TOLERANCE + ".cpu", defaults.cpu());
        Double memory = fields.fraction(TOLERANCE + ".memory", defaults.memory());
        Double network = fields.fraction(TOLERANCE + ".network", defaults.network());
        return cpu == null || memory == null || network == null ? null : new Tolerance(cpu, memory, network);
    }
}
