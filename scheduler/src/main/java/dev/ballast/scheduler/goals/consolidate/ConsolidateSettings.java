package dev.ballast.scheduler.goals.consolidate;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.GoalSettings;
import java.util.List;

/**
 * What a policy says to the consolidate goal.
 *
 * @param hostPower           the price of keeping a host on, per idle watt, a multiplier of 1.0
 *                            ({@code weights.hostPower})
 * @param packing             the reward for filling the hosts kept on, which guides the search
 *                            towards emptying the least-used hosts ({@code weights.packing})
 * @param minImprovementWatts the idle watts a plan must switch off to be worth its migrations
 *                            ({@code minImprovement.watts})
 */
public record ConsolidateSettings(double hostPower, double packing, double minImprovementWatts)
        implements GoalSettings {

    public static final String GOAL = "consolidate";
    public static final ConsolidateSettings DEFAULTS = new ConsolidateSettings(1.0, 1.0, 0);

    static final String MIN_IMPROVEMENT = "minImprovement.watts";
    static final String HOST_POWER = "weights.hostPower";
    static final String PACKING = "weights.packing";
    static final List<String> READS = List.of(MIN_IMPROVEMENT, HOST_POWER, PACKING);

    @Override
    public String goal() {
        return GOAL;
    }

    public ConsolidateSettings withMinImprovementWatts(double watts) {
        return new ConsolidateSettings(hostPower, packing, watts);
    }

    /** Reads the settings, or null after reporting what is wrong with them. */
    static ConsolidateSettings read(GoalFields fields) {
        Double hostPower = fields.nonNegative(HOST_POWER, DEFAULTS.hostPower());
        Double packing = fields.nonNegative(PACKING, DEFAULTS.packing());
        Double watts = fields.nonNegative(MIN_IMPROVEMENT, DEFAULTS.minImprovementWatts());
        return hostPower == null || packing == null || watts == null ? null
                : new ConsolidateSettings(hostPower, packing, watts);
    }
}
