package dev.ballast.scheduler.domain;

import java.util.Set;

import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A host as the solver sees it: limits and prices precomputed as whole numbers, so that the
 * constraints do integer arithmetic only. Cores are counted in millicores and network in kb/s.
 */
public class PlanningHost {

    @PlanningId
    private String name;
    private boolean active;
    private long cpuLimitMillis;
    private long memoryLimitMiB;
    private long networkLimitKbps;
    private Set<String> storage;
    private Set<String> bridges;
    private Prices prices;

    public PlanningHost() {
        // for OptaPlanner's cloning
    }

    public PlanningHost(String name, boolean active, long cpuLimitMillis, long memoryLimitMiB, long networkLimitKbps,
            Set<String> storage, Set<String> bridges, Prices prices) {
        this.name = name;
        this.active = active;
        this.cpuLimitMillis = cpuLimitMillis;
        this.memoryLimitMiB = memoryLimitMiB;
        this.networkLimitKbps = networkLimitKbps;
        this.storage = Set.copyOf(storage);
        this.bridges = Set.copyOf(bridges);
        this.prices = prices;
    }

    /**
     * What this host's soft goals cost, in score units.
     *
     * @param keptOn         consolidate: the price of the host holding any VM
     * @param fullReward     consolidate: the reward for a host filled to its limits on every resource
     * @param spreadPerCpu   balance: the price per square millicore of load (the square makes
     *                       uneven load dearer than even load); likewise for memory and network
     */
    public record Prices(long keptOn, long fullReward, double spreadPerCpu, double spreadPerMemory,
            double spreadPerNetwork) {

        public static final Prices NONE = new Prices(0, 0, 0, 0, 0);
    }

    /** The packing reward for a load: grows with the square of each resource's fill. */
    public long packingReward(long cpuMillis, long memoryMiB, long networkKbps) {
        double cpu = fill(cpuMillis, cpuLimitMillis);
        double memory = fill(memoryMiB, memoryLimitMiB);
        double network = fill(networkKbps, networkLimitKbps);
        return Math.round(prices.fullReward() * (cpu * cpu + memory * memory + network * network) / 3.0);
    }

    /** The balance price of a load: the sum of squares, which is least when load is even. */
    public long spreadPenalty(long cpuMillis, long memoryMiB, long networkKbps) {
        return Math.round(prices.spreadPerCpu() * cpuMillis * cpuMillis
                + prices.spreadPerMemory() * memoryMiB * memoryMiB
                + prices.spreadPerNetwork() * networkKbps * networkKbps);
    }

    private static double fill(long load, long limit) {
        // An overfull host earns no more than a full one: overload is the hard rules' business.
        return limit == 0 ? 1.0 : Math.min(1.0, (double) load / limit);
    }

    public boolean mounts(String storageId) {
        return storageId == null || storage.contains(storageId);
    }

    /** How many of the given bridges this host lacks. */
    public int missingBridges(Set<String> wanted) {
        int missing = 0;
        for (String bridge : wanted) {
            if (!bridges.contains(bridge)) {
                missing++;
            }
        }
        return missing;
    }

    public String getName() {
        return name;
    }

    public boolean isActive() {
        return active;
    }

    public long getCpuLimitMillis() {
        return cpuLimitMillis;
    }

    public long getMemoryLimitMiB() {
        return memoryLimitMiB;
    }

    public long getNetworkLimitKbps() {
        return networkLimitKbps;
    }

    public long getKeptOnPrice() {
        return prices.keptOn();
    }

    @Override
    public String toString() {
        return name;
    }
}
