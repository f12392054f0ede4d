package dev.ballast.collector;

import dev.ballast.model.CpuInfo;
import java.util.List;
import java.util.Set;

/**
 * A host and its running domains as libvirt describes them.
 *
 * @param cpus      logical CPUs
 * @param memoryMiB physical memory
 * @param storage   NFS pools defined on the host and the storage its VMs' disks use
 * @param bridges   bridges of its networks and interfaces and those its VMs attach to
 */
record HostInventory(int cpus, long memoryMiB, CpuInfo cpu, Set<String> storage, Set<String> bridges,
        List<VmInventory> vms) {
}
