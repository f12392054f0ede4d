package dev.ballast.collector;

import java.util.List;
import java.util.Set;

/**
 * A running domain as libvirt describes it.
 *
 * @param storage   the shared storage its disks live on ({@code server:/export}); null for none
 * @param bridges   the bridges its interfaces attach to
 * @param interfaces the host-side device names of its interfaces, for interface stats
 * @param cpuModel  the CPU model its XML asks for; null when it takes the host's
 */
record VmInventory(String name, long memoryMiB, int vcpus, String storage, Set<String> bridges,
        List<String> interfaces, String cpuModel) {
}
