package dev.ballast.hosts;

import java.util.List;
import java.util.Set;

/**
 * A running VM as its host describes it.
 *
 * @param memoryMiB  its maximum memory
 * @param storage    the shared storage its disks live on ({@code server:/export}), the first when
 *                   they span several; null for none
 * @param bridges    the bridges its interfaces attach to (those of its libvirt networks included)
 * @param interfaces the host-side device names of its interfaces ({@code vnet0}), whose traffic
 *                   {@link VmStatistics} counts
 * @param cpuModel   the CPU model its definition asks for; null when it takes the host's
 */
public record VmInventory(String name, long memoryMiB, int vcpus, String storage, Set<String> bridges,
        List<String> interfaces, String cpuModel) {

    public VmInventory {
        bridges = Set.copyOf(bridges);
        interfaces = List.copyOf(interfaces);
    }
}
