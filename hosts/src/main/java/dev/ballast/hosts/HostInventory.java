package dev.ballast.hosts;

import dev.ballast.model.CpuInfo;
import java.util.List;
import java.util.Set;

/**
 * What a host has and runs, as its hypervisor describes it.
 *
 * @param cpus      logical CPUs
 * @param memoryMiB physical memory
 * @param cpu       its CPU's architecture and model
 * @param storage   the shared storage it offers ({@code server:/export}): its NFS pools and the
 *                  storage its VMs' disks use
 * @param bridges   bridges of its networks and interfaces and those its VMs attach to
 * @param vms       its running VMs
 */
public record HostInventory(int cpus, long memoryMiB, CpuInfo cpu, Set<String> storage, Set<String> bridges,
        List<VmInventory> vms) {

    public HostInventory {
        storage = Set.copyOf(storage);
        bridges = Set.copyOf(bridges);
        vms = List.copyOf(vms);
    }
}
