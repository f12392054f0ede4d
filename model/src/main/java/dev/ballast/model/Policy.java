package dev.ballast.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a good placement is: a goal, the share of each host that may be used, how much churn a
 * plan may cause, and the weights of the soft goals.
 *
 * @param maxMigrations  optional cap on the moves of one plan; null for none
 * @param tolerance      balance: how far above the cluster's mean utilisation (as a fraction,
 *                       0.04 = 4 points) each resource of a host may run before it counts as hot
 * @param cooldown       a VM migrated less than this long ago is not moved again unless its host
 *                       must be emptied; zero for no cooldown
 * @param minImprovement a plan that gains less than this is not worth its migrations and is
 *                       emptied, unless a hard rule forces moves
 */
public record Policy(
        String name,
        Goal goal,
        Limits limits,
        Integer maxMigrations,
        Weights weights,
        Tolerance tolerance,
        Duration cooldown,
        MinImprovement minImprovement) {

    public static final Tolerance DEFAULT_TOLERANCE = Tolerance.uniform(0.04);

    /**
     * The least a plan must buy.
     *
     * @param watts  consolidate: idle watts switched off
     * @param points balance: percentage points off the imbalance, the largest gap between the
     *               hottest host's utilisation and the mean, over the three resources
     */
    public record MinImprovement(double watts, double points) {

        public static final MinImprovement NONE = new MinImprovement(0, 0);
    }

    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(minImprovement, "minImprovement");
    }

    /** A policy with the default tolerance, no cooldown and no minimum improvement. */
    public Policy(String name, Goal goal, Limits limits, Integer maxMigrations, Weights weights) {
        this(name, goal, limits, maxMigrations, weights, DEFAULT_TOLERANCE, Duration.ZERO, MinImprovement.NONE);
    }

    public Policy withName(String newName) {
        return new Policy(newName, goal, limits, maxMigrations, weights, tolerance, cooldown, minImprovement);
    }

    public Policy withWeights(Weights newWeights) {
        return new Policy(name, goal, limits, maxMigrations, newWeights, tolerance, cooldown, minImprovement);
    }

    public Policy withMaxMigrations(Integer max) {
        return new Policy(name, goal, limits, max, weights, tolerance, cooldown, minImprovement);
    }

    public Policy withCooldown(Duration newCooldown) {
        return new Policy(name, goal, limits, maxMigrations, weights, tolerance, newCooldown, minImprovement);
    }

    public Policy withMinImprovement(MinImprovement least) {
        return new Policy(name, goal, limits, maxMigrations, weights, tolerance, cooldown, least);
    }

    public Policy withTolerance(double newTolerance) {
        return withTolerance(Tolerance.uniform(newTolerance));
    }

    public Policy withTolerance(Tolerance newTolerance) {
        return new Policy(name, goal, limits, maxMigrations, weights, newTolerance, cooldown, minImprovement);
    }
}
