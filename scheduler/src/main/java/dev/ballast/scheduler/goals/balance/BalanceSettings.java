package dev.ballast.scheduler.goals.balance;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.GoalSettings;
import java.util.List;

/**
 * What a policy says to the balance goal.
 *
 * @param tolerance            how far above the cluster's mean utilisation each resource of a host
 *                             may run before the host counts as hot ({@code tolerance}); null when
 *                             the policy sets none, and then no host counts as hot: each move must
 *                             only pay for itself by the level's threshold
 * @param spread               the price of uneven utilisation, a multiplier of 1.0 ({@code weights.spread})
 * @param minImprovementPoints the percentage points a plan must take off the imbalance to be worth
 *                             its migrations ({@code minImprovement.points})
 * @param aggressiveness       1 to 5 ({@code aggressiveness}): 1 makes only the moves the limits
 *                             demand, as {@code relieve} does; each level above also takes the
 *                             moves that even the load by at least its {@link Aggressiveness} threshold
 */
public record BalanceSettings(Tolerance tolerance, double spread, double minImprovementPoints, int aggressiveness)
        implements GoalSettings {

    public static final String GOAL = "balance";
    /** The tolerance of a policy that gives one for a resource but not the others. */
    public static final Tolerance DEFAULT_TOLERANCE = Tolerance.uniform(0.04);
    public static final BalanceSettings DEFAULTS = new BalanceSettings(null, 1.0, 0, Aggressiveness.DEFAULT);

    static final String TOLERANCE = "tolerance";
    static final String MIN_IMPROVEMENT = "minImprovement.points";
    static final String SPREAD = "weights.spread";
    static final String AGGRESSIVENESS = "aggressiveness";
    static final List<String> READS = List.of(AGGRESSIVENESS, TOLERANCE, MIN_IMPROVEMENT, SPREAD);

    /** Settings at the default level. */
    public BalanceSettings(Tolerance tolerance, double spread, double minImprovementPoints) {
        this(tolerance, spread, minImprovementPoints, Aggressiveness.DEFAULT);
    }

    public BalanceSettings {
        if (aggressiveness < Aggressiveness.LEAST || aggressiveness > Aggressiveness.MOST) {
            throw new IllegalArgumentException("aggressiveness must be from 1 to 5, got " + aggressiveness);
        }
    }

    @Override
    public String goal() {
        return GOAL;
    }

    public BalanceSettings withTolerance(Tolerance newTolerance) {
        return new BalanceSettings(newTolerance, spread, minImprovementPoints, aggressiveness);
    }

    public BalanceSettings withMinImprovementPoints(double points) {
        return new BalanceSettings(tolerance, spread, points, aggressiveness);
    }

    public BalanceSettings withAggressiveness(int level) {
        return new BalanceSettings(tolerance, spread, minImprovementPoints, level);
    }

    /** Reads the settings, or null after reporting what is wrong with them. */
    static BalanceSettings read(GoalFields fields) {
        Integer level = fields.wholeBetween(AGGRESSIVENESS, Aggressiveness.DEFAULT, Aggressiveness.LEAST,
                Aggressiveness.MOST);
        Tolerance tolerance = tolerance(fields);
        Double spread = fields.nonNegative(SPREAD, DEFAULTS.spread());
        Double points = fields.nonNegative(MIN_IMPROVEMENT, DEFAULTS.minImprovementPoints());
        if (level != null && level == Aggressiveness.LEAST && fields.has(TOLERANCE)) {
            fields.report(TOLERANCE, "not read at aggressiveness 1, which makes only the moves the limits demand");
            return null;
        }
        return level == null || (tolerance == null && fields.has(TOLERANCE)) || spread == null || points == null
                ? null : new BalanceSettings(tolerance, spread, points, level);
    }

    /**
     * {@code tolerance: 0.04} for every resource, or {@code tolerance: {cpu: 0.02, memory: 0.1}};
     * null when not given or wrong.
     */
    private static Tolerance tolerance(GoalFields fields) {
        if (!fields.has(TOLERANCE)) {
            return null;
        }
        Tolerance defaults = DEFAULT_TOLERANCE;
        if (!fields.isObject(TOLERANCE)) {
            if (!fields.isNumber(TOLERANCE)) {
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
