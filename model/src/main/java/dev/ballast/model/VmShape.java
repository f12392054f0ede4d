package dev.ballast.model;

import java.util.Objects;
import java.util.Set;

/**
 * The size of a VM not yet made, for what-if questions: new VMs to add, or how many more fit.
 *
 * @param storage optional: the shared storage its disks would live on
 * @param bridges bridges its NICs would attach to
 */
public record VmShape(int vcpus, long memoryMiB, Demand demand, String storage, Set<String> bridges) {

    public VmShape {
        Objects.requireNonNull(demand, "demand");
        bridges = Set.copyOf(bridges);
    }

    /** What one such VM takes from a host. */
    public Resources usage() {
        return new Resources(demand.cpu(), memoryMiB, demand.networkMbps());
    }

    /** A new VM of this shape, to be placed. */
    public Vm newVm(String name) {
        return new Vm(name, null, memoryMiB, vcpus, demand, null, storage, bridges, false);
    }
}
