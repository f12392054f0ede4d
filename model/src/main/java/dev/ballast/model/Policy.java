package dev.ballast.model;

import java.util.Objects;

/**
 * What a good placement is: a goal, the share of each host that may be used, a cap on moves and
 * the weights of the soft goals.
 *
 * @param maxMigrations optional cap on the moves of one plan; null for none
 */
public record Policy(String name, Goal goal, Limits limits, Integer maxMigrations, Weights weights) {

    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(weights, "weights");
    }
}
