package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.Host;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.scheduler.solver.Pricing;

/**
 * Balance's prices, in millionths of squared utilisation: the price of uneven load (each host's
 * load squared) and of load beyond the hot-spot threshold of {@link HotSpots}. The policy's
 * {@code weights.spread} multiplies both, {@code weights.migration} the price of a migration.
 */
final class BalancePrices implements Pricing {

    /**
     * Score units per unit of (capacity-weighted) squared utilisation. Kept weak: it only evens
     * out what the hot-spot charge leaves, since on its own it moved a third of all VMs for gains
     * of a point or two.
     */
    static final double SPREAD_SCALE = 100_000;
    /**
     * A GiB migrated costs as much as a hundredth of a host's squared utilisation. On 200 mixed
     * hosts, a tenth of this moved twice the VMs for under a point more evenness.
     */
    static final double PER_GIB = 10_000;
    /**
     * The price of a whole host's capacity beyond the hot-spot threshold. A hundredth of a host's
     * capacity over costs as much as moving 400 GiB: the tolerance is a promise to the operator,
     * and at a tenth of that the search gave back up to 0.4 points on 1,000 hosts to save a few
     * migrations.
     */
    static final double HOT_PRICE = 400_000_000;

    private final double spread;
    private final double migrationWeight;
    private final Resources meanCapacity;
    private final HotSpots hotSpots;

    BalancePrices(BalanceSettings settings, double migrationWeight, Resources meanCapacity, HotSpots hotSpots) {
        this.spread = settings.spread();
        this.migrationWeight = migrationWeight;
        this.meanCapacity = meanCapacity;
        this.hotSpots = hotSpots;
    }

    @Override
    public PlanningHost.Prices forHost(Host host) {
        // load^2 / (capacity * mean capacity) is utilisation squared, weighted by the host's size
        // relative to the mean, so that a large host at 50% weighs more than a small one.
        Resources capacity = host.capacity();
        double scale = SPREAD_SCALE * spread;
        return new PlanningHost.Prices(0,
                scale / (capacity.cpu() * 1000 * meanCapacity.cpu() * 1000),
                scale / ((double) capacity.memoryMiB() * meanCapacity.memoryMiB()),
                scale / (capacity.networkMbps() * 1000 * meanCapacity.networkMbps() * 1000));
    }

    /** Hosts hotter than the mean utilisation plus the policy's tolerance pay for the excess. */
    @Override
    public PlanningHost.HotSpot hotSpotFor(Host host) {
        Resources capacity = host.capacity();
        double price = HOT_PRICE * spread;
        return new PlanningHost.HotSpot(
                (long) (hotSpots.threshold(host, Resource.CPU) * 1000),
                (long) hotSpots.threshold(host, Resource.MEMORY),
                (long) (hotSpots.threshold(host, Resource.NETWORK) * 1000),
                price / (capacity.cpu() * 1000), price / capacity.memoryMiB(), price / (capacity.networkMbps() * 1000));
    }

    @Override
    public long migrationOf(Vm vm) {
        return Math.round(vm.memoryMiB() / 1024.0 * PER_GIB * migrationWeight);
    }
}
