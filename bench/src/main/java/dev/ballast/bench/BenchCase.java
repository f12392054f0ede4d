package dev.ballast.bench;

import dev.ballast.scheduler.goals.balance.Tolerance;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.WhatIf;
import dev.ballast.model.Policy;

import java.time.Duration;

/**
 * One benchmark: a cluster, the policy to plan it with and the time the target allows.
 * The cluster is built only when the case runs, so that a large suite never holds more than one.
 *
 * @param bestKnownCost the best known total cost (watts) of the hosts kept on, or null when
 *                      none is published
 * @param hotAbove      how far above the mean a host counts as overloaded when the case counts
 *                      the VMs on overloaded hosts (its target compares migrations with them);
 *                      null when the case does not count them
 * @param overload      the case is measured against a greedy relief ({@link OverloadFigures})
 * @param whatIf        a scenario to answer as {@code ballast what-if} does, instead of a plan
 *                      ({@link WhatIfRun}); null for a case that plans
 */
public record BenchCase(String suite, String name, Source cluster, Policy policy, Duration timeLimit,
        Double bestKnownCost, Tolerance hotAbove, boolean overload, WhatIf whatIf) {

    /** A case that plans. */
    public BenchCase(String suite, String name, Source cluster, Policy policy, Duration timeLimit,
            Double bestKnownCost, Tolerance hotAbove, boolean overload) {
        this(suite, name, cluster, policy, timeLimit, bestKnownCost, hotAbove, overload, null);
    }

    /** A case that does not count the VMs on overloaded hosts. */
    public BenchCase(String suite, String name, Source cluster, Policy policy, Duration timeLimit,
            Double bestKnownCost) {
        this(suite, name, cluster, policy, timeLimit, bestKnownCost, null, false);
    }

    /** A case measured by its VMs on overloaded hosts. */
    public BenchCase(String suite, String name, Source cluster, Policy policy, Duration timeLimit,
            Double bestKnownCost, Tolerance hotAbove) {
        this(suite, name, cluster, policy, timeLimit, bestKnownCost, hotAbove, false);
    }

    /** A case of hot hosts, measured against a greedy relief. */
    static BenchCase overload(String suite, String name, Source cluster, Policy policy, Duration timeLimit) {
        return new BenchCase(suite, name, cluster, policy, timeLimit, null, null, true);
    }

    /** A what-if scenario answered under {@code policy}, its plans' searches sharing {@code timeLimit}. */
    static BenchCase answering(String suite, String name, Source cluster, Policy policy, Duration timeLimit,
            WhatIf scenario) {
        return new BenchCase(suite, name, cluster, policy, timeLimit, null, null, false, scenario);
    }

    /** Builds or reads a case's cluster. */
    @FunctionalInterface
    public interface Source {
        ClusterSnapshot load() throws BenchInputException;
    }

    /** {@code suite/name}, as selected with {@code --suite}. */
    public String id() {
        return suite + "/" + name;
    }
}
