package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.Host;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.scheduler.solver.Pricing;

/**
 * Balance's prices, in hundred-thousandths of squared utilisation: the price of uneven load (each
 * host's load squared), of a migration (the level's threshold, {@link Aggressiveness}), and, when
 * the policy sets a tolerance, of load beyond the hot-spot threshold of {@link HotSpots}. The
 * policy's {@code weights.spread} multiplies the first and the last, so that a higher weight lets
 * more moves pay their threshold; {@code weights.migration} the share of the threshold that grows
 * with the memory a move copies.
 */
final class BalancePrices implements Pricing {

    /**
     * Score units per unit of (capacity-weighted) squared utilisation. The level's threshold is
     * priced on the same scale, so what a move gains and what it must gain compare directly.
     */
    static final double SPREAD_SCALE = 100_000;
    /**
     * With a tolerance, a GiB migrated costs as much as a tenth of a host's squared utilisation
     * besides the level's threshold, as it did before there were levels. On 200 mixed hosts, a
     * tenth of this moved twice the VMs for under a point more evenness.
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
    private final int level;
    private final double migrationWeight;
    private final Resources meanCapacity;
    private final HotSpots hotSpots;

    /** @param hotSpots null when the policy sets no tolerance: then no host counts as hot */
    BalancePrices(BalanceSettings settings, double migrationWeight, Resources meanCapacity, HotSpots hotSpots) {
        this.spread = settings.spread();
        this.level = settings.aggressiveness();
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
        if (hotSpots == null) {
            return PlanningHost.HotSpot.NONE;
        }
        Resources capacity = host.capacity();
        double price = HOT_PRICE * spread;
        return new PlanningHost.HotSpot(
                (long) (hotSpots.threshold(host, Resource.CPU) * 1000),
                (long) hotSpots.threshold(host, Resource.MEMORY),
                (long) (hotSpots.threshold(host, Resource.NETWORK) * 1000),
                price / (capacity.cpu() * 1000), price / capacity.memoryMiB(), price / (capacity.networkMbps() * 1000));
    }

    /** The level's threshold, and with a tolerance the price per GiB copied besides. */
    @Override
    public long migrationOf(Vm vm) {
        double threshold = SPREAD_SCALE * Aggressiveness.threshold(level, vm.memoryMiB(), migrationWeight);
        double perGib = hotSpots == null ? 0 : vm.memoryMiB() / 1024.0 * PER_GIB * migrationWeight;
        return Math.round(threshold + perGib);
    }
}
