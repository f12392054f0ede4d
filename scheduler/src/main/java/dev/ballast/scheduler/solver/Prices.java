package dev.ballast.scheduler.solver;

import dev.ballast.model.Goal;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Tolerance;
import dev.ballast.model.Vm;
import dev.ballast.model.Weights;
import dev.ballast.rules.solver.PlanningHost;

/**
 * Turns a policy's weights into the solver's prices. All soft terms share one currency:
 * consolidation counts in milliwatts of idle power, balance in millionths of squared
 * utilisation. The policy's weights multiply these base prices.
 */
final class Prices {

    /** Consolidate: score units per idle watt of a host kept on. */
    static final double PER_WATT = 1000;
    /**
     * Consolidate: a host of mean size, full on the scarcest resource, earns back this share of
     * the mean idle power. Measured: a sixth packed tighter than a fifteenth or two thirds.
     */
    static final double FULL_HOST_REWARD_SHARE = 1.0 / 6;
    /** Consolidate: a GiB migrated costs as much as 0.1 W kept on. */
    static final double CONSOLIDATE_PER_GIB = 100;
    /**
     * Balance: score units per unit of (capacity-weighted) squared utilisation. Kept weak: it
     * only evens out what the hot-spot charge leaves, since on its own it moved a third of all
     * VMs for gains of a point or two.
     */
    static final double SPREAD_SCALE = 100_000;
    /**
     * Balance: a GiB migrated costs as much as a hundredth of a host's squared utilisation. On
     * 200 mixed hosts, a tenth of this moved twice the VMs for under a point more evenness.
     */
    static final double BALANCE_PER_GIB = 10_000;

    private final Goal goal;
    private final Weights weights;
    private final Tolerance tolerance;
    private final Resources meanCapacity;
    private final double meanIdleWatts;
    private final Scarcity scarcity;

    Prices(Policy policy, Resources meanCapacity, double meanIdleWatts, Scarcity scarcity) {
        this.scarcity = scarcity;
        this.goal = policy.goal();
        this.weights = policy.weights();
        this.tolerance = policy.tolerance();
        this.meanCapacity = meanCapacity;
        this.meanIdleWatts = meanIdleWatts;
    }

    PlanningHost.Prices forHost(Host host) {
        if (goal == Goal.CONSOLIDATE) {
            // A host of mean size full on every resource earns back this share of mean power.
            double scale = meanIdleWatts * PER_WATT * FULL_HOST_REWARD_SHARE * weights.packing();
            return new PlanningHost.Prices(Math.round(host.idleWatts() * PER_WATT * weights.hostPower()),
                    scarcity.cpu() * scale / square(meanCapacity.cpu() * 1000),
                    scarcity.memory() * scale / square(meanCapacity.memoryMiB()),
                    scarcity.network() * scale / square(meanCapacity.networkMbps() * 1000));
        }
        // load^2 / (capacity * mean capacity) is utilisation squared, weighted by the host's size
        // relative to the mean, so that a large host at 50% weighs more than a small one.
        Resources capacity = host.capacity();
        double scale = SPREAD_SCALE * weights.spread();
        return new PlanningHost.Prices(0,
                scale / (capacity.cpu() * 1000 * meanCapacity.cpu() * 1000),
                scale / ((double) capacity.memoryMiB() * meanCapacity.memoryMiB()),
                scale / (capacity.networkMbps() * 1000 * meanCapacity.networkMbps() * 1000));
    }

    private static double square(double value) {
        return value * value;
    }

    /**
     * Balance: hosts hotter than the mean utilisation plus the policy's tolerance pay for the
     * excess. A hundredth of a host's capacity over costs as much as moving 400 GiB: the tolerance
     * is a promise to the operator, and at a tenth of that the search gave back up to 0.4 points
     * on 1,000 hosts to save a few migrations.
     */
    PlanningHost.HotSpot hotSpotFor(Host host, Resources meanUtilisation) {
        if (goal != Goal.BALANCE) {
            return PlanningHost.HotSpot.NONE;
        }
        Resources capacity = host.capacity();
        double price = HOT_PRICE * weights.spread();
        return new PlanningHost.HotSpot(
                (long) ((meanUtilisation.cpu() + tolerance.cpu()) * capacity.cpu() * 1000),
                (long) ((meanUtilisation.memoryMiB() / 1e6 + tolerance.memory()) * capacity.memoryMiB()),
                (long) ((meanUtilisation.networkMbps() + tolerance.network()) * capacity.networkMbps() * 1000),
                price / (capacity.cpu() * 1000), price / capacity.memoryMiB(), price / (capacity.networkMbps() * 1000));
    }

    /** Balance: the price of a whole host's capacity beyond the hot-spot threshold. */
    static final double HOT_PRICE = 400_000_000;

    long migrationOf(Vm vm) {
        double perGiB = goal == Goal.CONSOLIDATE ? CONSOLIDATE_PER_GIB : BALANCE_PER_GIB;
        return Math.round(vm.memoryMiB() / 1024.0 * perGiB * weights.migration());
    }
}
