package dev.ballast.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a good placement is: the share of each host that may be used, how much churn a plan may
 * cause, and the goal with its own settings. Everything here but {@code settings} is read
 * whatever the goal.
 *
 * @param maxMigrations   optional cap on the moves of one plan; null for none
 * @param migrationWeight the price of each GiB of VM memory migrated, as a multiplier of the
 *                        goal's base price (1.0 by default)
 * @param cooldown        a VM migrated less than this long ago is not moved again unless its host
 *                        must be emptied; zero for no cooldown
 * @param settings        what the goal optimises and how; see the scheduler's goals
 * @param power           the reserve kept on, the cap on hosts switched off per plan, the
 *                        power cooldown
 */
public record Policy(
        String name,
        Limits limits,
        Integer maxMigrations,
        double migrationWeight,
        Duration cooldown,
        GoalSettings settings,
        PowerLimits power) {

    public static final double DEFAULT_MIGRATION_WEIGHT = 1.0;

    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(power, "power");
    }

    /** A policy without power limits. */
    public Policy(String name, Limits limits, Integer maxMigrations, double migrationWeight, Duration cooldown,
            GoalSettings settings) {
        this(name, limits, maxMigrations, migrationWeight, cooldown, settings, PowerLimits.NONE);
    }

    /** A policy with the default migration weight and no cooldown. */
    public Policy(String name, Limits limits, Integer maxMigrations, GoalSettings settings) {
        this(name, limits, maxMigrations, DEFAULT_MIGRATION_WEIGHT, Duration.ZERO, settings);
    }

    /** The name of the policy's goal, e.g. {@code balance}. */
    public String goalName() {
        return settings.goal();
    }

    public Policy withName(String newName) {
        return new Policy(newName, limits, maxMigrations, migrationWeight, cooldown, settings, power);
    }

    public Policy withMaxMigrations(Integer max) {
        return new Policy(name, limits, max, migrationWeight, cooldown, settings, power);
    }

    public Policy withMigrationWeight(double weight) {
        return new Policy(name, limits, maxMigrations, weight, cooldown, settings, power);
    }

    public Policy withCooldown(Duration newCooldown) {
        return new Policy(name, limits, maxMigrations, migrationWeight, newCooldown, settings, power);
    }

    public Policy withSettings(GoalSettings newSettings) {
        return new Policy(name, limits, maxMigrations, migrationWeight, cooldown, newSettings, power);
    }

    public Policy withPower(PowerLimits newPower) {
        return new Policy(name, limits, maxMigrations, migrationWeight, cooldown, settings, newPower);
    }
}
