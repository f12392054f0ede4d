package dev.ballast.scheduler.goals.consolidate;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.scheduler.solver.Pricing;
import dev.ballast.scheduler.solver.ProblemBuilder;

/**
 * Consolidation's prices, in milliwatts of idle power: each host kept on costs its idle watts,
 * and a squared-load reward grades the landscape between two host counts. The policy's
 * {@code weights.hostPower} and {@code weights.packing} multiply them, {@code weights.migration}
 * the price of a migration.
 */
final class ConsolidatePrices implements Pricing {

    /** Score units per idle watt of a host kept on. */
    static final double PER_WATT = 1000;
    /**
     * A host of mean size, full on the scarcest resource, earns back this share of the mean idle
     * power. Measured: a sixth packed tighter than a fifteenth or two thirds.
     */
    static final double FULL_HOST_REWARD_SHARE = 1.0 / 6;
    /** A GiB migrated costs as much as 0.1 W kept on. */
    static final double PER_GIB = 100;

    private final ConsolidateSettings settings;
    private final double migrationWeight;
    private final Resources meanCapacity;
    private final double meanIdleWatts;
    private final Scarcity scarcity;

    ConsolidatePrices(ClusterSnapshot snapshot, Policy policy, ConsolidateSettings settings) {
        this.settings = settings;
        this.migrationWeight = policy.migrationWeight();
        this.meanCapacity = ProblemBuilder.meanActiveCapacity(snapshot);
        this.meanIdleWatts = meanIdleWatts(snapshot);
        this.scarcity = Scarcity.of(snapshot, policy);
    }

    /** The mean idle power of the active hosts; the assumed idle power of a host when none is active. */
    static double meanIdleWatts(ClusterSnapshot snapshot) {
        return snapshot.hosts().stream().filter(Host::isActive).mapToDouble(Host::idleWatts).average()
                .orElse(Host.ASSUMED_IDLE_WATTS);
    }

    @Override
    public PlanningHost.Prices forHost(Host host) {
        // A host of mean size full on every resource earns back this share of mean power.
        double scale = meanIdleWatts * PER_WATT * FULL_HOST_REWARD_SHARE * settings.packing();
        return new PlanningHost.Prices(Math.round(host.idleWatts() * PER_WATT * settings.hostPower()),
                scarcity.cpu() * scale / square(meanCapacity.cpu() * 1000),
                scarcity.memory() * scale / square(meanCapacity.memoryMiB()),
                scarcity.network() * scale / square(meanCapacity.networkMbps() * 1000));
    }

    @Override
    public long migrationOf(Vm vm) {
        return Math.round(vm.memoryMiB() / 1024.0 * PER_GIB * migrationWeight);
    }

    private static double square(double value) {
        return value * value;
    }
}
