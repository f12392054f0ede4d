package dev.ballast.scheduler.goals.relieve;

import dev.ballast.model.Host;
import dev.ballast.model.PreCopyModel;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.scheduler.solver.Pricing;

/**
 * Relieve's prices, in hundredths of a MiB copied. A migration costs a fixed price larger than
 * any VM's copy, so that fewer migrations always win, plus the memory its pre-copy rounds send
 * ({@code weights.migration} multiplies that part): among moves that relieve as much, the VM
 * whose move copies least. The destination left coolest breaks the remaining ties through a
 * faint sum of squared utilisation, too faint ever to pay for a move of its own.
 */
public final class RelievePrices implements Pricing {

    /** One MiB copied. */
    static final long PER_MIB = 100;
    /**
     * Any migration: 2 TiB copied, more than the largest VM (128 GiB) at the highest dirty rate
     * priced (ten rounds of it), so that one migration never saves another.
     */
    static final long PER_MIGRATION = PER_MIB * (2L << 20);
    /**
     * Score units per unit of capacity-weighted squared utilisation. One move changes the sum
     * by at most 2 per resource of a host of the mean size: 6,000 units, 60 MiB, a tie-break only.
     */
    static final double COOLNESS_SCALE = 1_000;
    /** The link the copy is priced on: 10 Gb/s, a common migration network. */
    private static final long REFERENCE_LINK_MBPS = 10_000;
    /** Beyond this share of the link, pre-copy hardly converges; the price stops growing (ten rounds). */
    private static final double MOST_DIRTYING = 0.9;

    private final double migrationWeight;
    private final Resources meanCapacity;
    private final double bandwidthMiBps = PreCopyModel.standard().bandwidthMiBps(REFERENCE_LINK_MBPS);

    RelievePrices(double migrationWeight, Resources meanCapacity) {
        this.migrationWeight = migrationWeight;
        this.meanCapacity = meanCapacity;
    }

    @Override
    public PlanningHost.Prices forHost(Host host) {
        // As balance's spread: utilisation squared, weighted by the host's size relative to the mean.
        Resources capacity = host.capacity();
        return new PlanningHost.Prices(0,
                COOLNESS_SCALE / (capacity.cpu() * 1000 * meanCapacity.cpu() * 1000),
                COOLNESS_SCALE / ((double) capacity.memoryMiB() * meanCapacity.memoryMiB()),
                COOLNESS_SCALE / (capacity.networkMbps() * 1000 * meanCapacity.networkMbps() * 1000));
    }

    @Override
    public long migrationOf(Vm vm) {
        return PER_MIGRATION + Math.round(copiedMiB(vm) * PER_MIB * migrationWeight);
    }

    /**
     * The MiB a pre-copy migration sends: all memory, then what the guest dirtied meanwhile, round
     * after round, a geometric series of ratio dirty rate over bandwidth.
     */
    double copiedMiB(Vm vm) {
        double dirtyRate = vm.dirtyRateMiBps() == null ? PreCopyModel.DEFAULT_DIRTY_RATE_MIBPS : vm.dirtyRateMiBps();
        double ratio = Math.min(MOST_DIRTYING, dirtyRate / bandwidthMiBps);
        return vm.memoryMiB() / (1 - ratio);
    }
}
