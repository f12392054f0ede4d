package dev.ballast.rules.solver;

import java.util.Set;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * A VM whose host the solver chooses. It remembers its original host, so that staying put is
 * free and every move has a price.
 */
@PlanningEntity(difficultyComparatorClass = VmSizeComparator.class)
public class PlanningVm {

    @PlanningId
    private String name;
    private long cpuMillis;
    private long memoryMiB;
    private long networkKbps;
    private String storage;
    private Set<String> bridges;
    private boolean pinned;
    private long migrationPrice;
    private PlanningHost originalHost;

    @PlanningVariable
    private PlanningHost host;

    public PlanningVm() {
        // for OptaPlanner's cloning
    }

    public PlanningVm(String name, long cpuMillis, long memoryMiB, long networkKbps, String storage,
            Set<String> bridges, boolean pinned, long migrationPrice, PlanningHost originalHost) {
        this.name = name;
        this.cpuMillis = cpuMillis;
        this.memoryMiB = memoryMiB;
        this.networkKbps = networkKbps;
        this.storage = storage;
        this.bridges = Set.copyOf(bridges);
        this.pinned = pinned;
        this.migrationPrice = migrationPrice;
        this.originalHost = originalHost;
        this.host = originalHost;
    }

    /** A copy with the same facts and the same current host, for solution cloning. */
    public PlanningVm copy() {
        PlanningVm copy = new PlanningVm();
        copy.name = name;
        copy.cpuMillis = cpuMillis;
        copy.memoryMiB = memoryMiB;
        copy.networkKbps = networkKbps;
        copy.storage = storage;
        copy.bridges = bridges;
        copy.pinned = pinned;
        copy.migrationPrice = migrationPrice;
        copy.originalHost = originalHost;
        copy.host = host;
        return copy;
    }

    /** True when the VM runs somewhere and the solver has put it elsewhere. */
    public boolean isMoved() {
        return originalHost != null && host != originalHost;
    }

    /** True when the VM was put on a stale host it did not run on. */
    public boolean isMovedOntoStaleHost() {
        return host.isStale() && host != originalHost;
    }

    public boolean isOnStorageItNeeds() {
        return host.mounts(storage);
    }

    public int getMissingBridges() {
        return host.missingBridges(bridges);
    }

    public String getName() {
        return name;
    }

    public long getCpuMillis() {
        return cpuMillis;
    }

    public long getMemoryMiB() {
        return memoryMiB;
    }

    public long getNetworkKbps() {
        return networkKbps;
    }

    @PlanningPin
    public boolean isPinned() {
        return pinned;
    }

    public long getMigrationPrice() {
        return migrationPrice;
    }

    public PlanningHost getOriginalHost() {
        return originalHost;
    }

    public PlanningHost getHost() {
        return host;
    }

    public void setHost(PlanningHost host) {
        this.host = host;
    }

    @Override
    public String toString() {
        return name + "@" + host;
    }
}
