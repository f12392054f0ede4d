package dev.ballast.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual machine.
 *
 * @param host       its current host, or null for a new VM still to be placed
 * @param memoryMiB  allocated memory; counts in full against the host's memory
 * @param demand     measured use of CPU and network
 * @param dirtyRateMiBps optional: how fast the guest dirties memory, for migration estimates
 * @param storage    optional: the shared storage its disks live on; the destination must mount it
 * @param bridges    bridges its NICs attach to; the destination must have them all
 * @param pinned     never moved
 * @param lastMigratedAt optional: when the VM last moved, for the policy's cooldown
 */
public record Vm(
        String name,
        String host,
        long memoryMiB,
        int vcpus,
        Demand demand,
        Double dirtyRateMiBps,
        String storage,
        Set<String> bridges,
        boolean pinned,
        Instant lastMigratedAt) {

    public Vm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(demand, "demand");
        bridges = Set.copyOf(bridges);
    }

    /** A VM with no record of its last migration. */
    public Vm(String name, String host, long memoryMiB, int vcpus, Demand demand, Double dirtyRateMiBps,
            String storage, Set<String> bridges, boolean pinned) {
        this(name, host, memoryMiB, vcpus, demand, dirtyRateMiBps, storage, bridges, pinned, null);
    }

    /** What this VM takes from its host: demanded CPU, allocated memory, demanded network. */
    public Resources usage() {
        return new Resources(demand.cpu(), memoryMiB, demand.networkMbps());
    }

    public boolean isNew() {
        return host == null;
    }

    /** This VM, pinned where it runs. */
    public Vm asPinned() {
        return new Vm(name, host, memoryMiB, vcpus, demand, dirtyRateMiBps, storage, bridges, true, lastMigratedAt);
    }

    /** This VM, said to run on another host. */
    public Vm onHost(String newHost) {
        return new Vm(name, newHost, memoryMiB, vcpus, demand, dirtyRateMiBps, storage, bridges, pinned, lastMigratedAt);
    }
}
