package dev.ballast.scheduler.solver;

import dev.ballast.model.Goal;
import dev.ballast.model.Host;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.model.Weights;
import dev.ballast.scheduler.domain.PlanningHost;

/**
 * Turns a policy's weights into the solver's prices. All soft terms share one currency:
 * consolidation counts in milliwatts of idle power, balance in millionths of squared
 * utilisation. The policy's weights multiply these base prices.
 */
final class Prices {

    /** Consolidate: score units per idle watt of a host kept on. */
    static final double PER_WATT = 1000;
    /** Consolidate: a host full to its limits earns back this share of its idle power. */
    static final double FULL_HOST_REWARD_SHARE = 0.5;
    /** Consolidate: a GiB migrated costs as much as 0.1 W kept on. */
    static final double CONSOLIDATE_PER_GIB = 100;
    /** Balance: score units per unit of (capacity-weighted) squared utilisation. */
    static final double SPREAD_SCALE = 1_000_000;
    /** Balance: a GiB migrated costs a thousandth of a host's squared utilisation. */
    static final double BALANCE_PER_GIB = 1000;

    private final Goal goal;
    private final Weights weights;
    private final Resources meanCapacity;

    Prices(Goal goal, Weights weights, Resources meanCapacity) {
        this.goal = goal;
        this.weights = weights;
        this.meanCapacity = meanCapacity;
    }

    PlanningHost.Prices forHost(Host host) {
        if (goal == Goal.CONSOLIDATE) {
            double perHost = host.idleWatts() * PER_WATT;
            return new PlanningHost.Prices(Math.round(perHost * weights.hostPower()),
                    Math.round(perHost * FULL_HOST_REWARD_SHARE * weights.packing()), 0, 0, 0);
        }
        // load^2 / (capacity * mean capacity) is utilisation squared, weighted by the host's size
        // relative to the mean, so that a large host at 50% weighs more than a small one.
        Resources capacity = host.capacity();
        double scale = SPREAD_SCALE * weights.spread();
        return new PlanningHost.Prices(0, 0,
                scale / (capacity.cpu() * 1000 * meanCapacity.cpu() * 1000),
                scale / ((double) capacity.memoryMiB() * meanCapacity.memoryMiB()),
                scale / (capacity.networkMbps() * 1000 * meanCapacity.networkMbps() * 1000));
    }

    long migrationOf(Vm vm) {
        double perGiB = goal == Goal.CONSOLIDATE ? CONSOLIDATE_PER_GIB : BALANCE_PER_GIB;
        return Math.round(vm.memoryMiB() / 1024.0 * perGiB * weights.migration());
    }
}
