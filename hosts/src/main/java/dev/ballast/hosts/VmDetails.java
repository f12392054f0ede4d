package dev.ballast.hosts;

import java.util.List;
import java.util.Set;

/**
 * What must hold on a destination before a VM can move there, read from the VM's definition on
 * its host: its memory, what its interfaces attach to, where its disks live, and its CPU.
 *
 * @param memoryMiB  its maximum memory
 * @param bridges    bridges named by its {@code <interface type='bridge'>}
 * @param networks   libvirt networks named by its {@code <interface type='network'>}
 * @param storage    the shared storage of its disks ({@code server:/export}), every disk type:
 *                   an NFS network disk's share, the NFS pool of a {@code volume} disk or of a
 *                   file under a pool's mount point
 * @param localDisks disks on no shared storage (a path, or {@code pool/volume}); CD-ROMs are not counted
 * @param cpu        its CPU definition and what to compare it on
 * @param persistent defined on the host (not only running)
 * @param autostart  started with the host
 */
public record VmDetails(
        String name,
        long memoryMiB,
        Set<String> bridges,
        Set<String> networks,
        Set<String> storage,
        List<String> localDisks,
        Cpu cpu,
        boolean persistent,
        boolean autostart) {

    public VmDetails {
        bridges = Set.copyOf(bridges);
        networks = Set.copyOf(networks);
        storage = Set.copyOf(storage);
        localDisks = List.copyOf(localDisks);
    }

    /**
     * A VM's CPU as its definition gives it, with the emulator, architecture, machine type and
     * virtualisation type a hypervisor compares it on.
     *
     * @param xml the {@code <cpu>} element; null when the definition has none
     */
    public record Cpu(String xml, String virtType, String arch, String machine, String emulator) {

        /** True when the CPU is a model to compare (not host-passthrough or host-model). */
        public boolean isCustom() {
            return xml != null && xml.contains("<model");
        }
    }
}
