package dev.ballast.rules.solver;

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
    private HotSpot hotSpot = HotSpot.NONE;
    private boolean stale;
    private boolean off;

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
     * @param keptOn        consolidate: the price of the host holding any VM
     * @param perSquareCpu  the price of each square millicore of load; with its siblings for MiB
     *                      and kb/s, a sum of squares. Balance charges it (least when load is
     *                      even); consolidation pays it out as a reward (most when load is
     *                      concentrated on few, large hosts)
     */
    public record Prices(long keptOn, double perSquareCpu, double perSquareMemory, double perSquareNetwork) {

        public static final Prices NONE = new Prices(0, 0, 0, 0);
    }

    /**
     * Balance: the load above which a host counts as hot (the cluster's mean utilisation plus a
     * margin, in the host's own units), and the price of each millicore, MiB or kb/s beyond it.
     */
    public record HotSpot(long cpuMillis, long memoryMiB, long networkKbps,
            double perCpuMilli, double perMemoryMiB, double perNetworkKbps) {

        public static final HotSpot NONE = new HotSpot(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0);
    }

    /** The price of this host's load beyond its hot-spot threshold; 0 when it is not hot. */
    public long hotSpotPrice(long cpuMillis, long memoryMiB, long networkKbps) {
        return Math.round(Math.max(0, cpuMillis - hotSpot.cpuMillis()) * hotSpot.perCpuMilli()
                + Math.max(0, memoryMiB - hotSpot.memoryMiB()) * hotSpot.perMemoryMiB()
                + Math.max(0, networkKbps - hotSpot.networkKbps()) * hotSpot.perNetworkKbps());
    }

    /** The sum of the squares of a load, each resource at its own price. */
    public long squaredLoadPrice(long cpuMillis, long memoryMiB, long networkKbps) {
        return Math.round(prices.perSquareCpu() * cpuMillis * cpuMillis
                + prices.perSquareMemory() * memoryMiB * memoryMiB
                + prices.perSquareNetwork() * networkKbps * networkKbps);
    }

    /** This host marked as having stale figures: it keeps its VMs and receives none. */
    public PlanningHost asStale() {
        this.stale = true;
        return this;
    }

    public boolean isStale() {
        return stale;
    }

    /** This host marked as switched off (standby): it holds no VM and receives none. */
    public PlanningHost asOff() {
        this.off = true;
        return this;
    }

    public boolean isOff() {
        return off;
    }

    /** This host with a hot-spot threshold, for balancing. */
    public PlanningHost withHotSpot(HotSpot threshold) {
        this.hotSpot = threshold;
        return this;
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
