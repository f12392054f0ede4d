package dev.ballast.executor;

import dev.ballast.hosts.CpuCompatibility;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.VmDetails;
import dev.ballast.hosts.VmState;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import dev.ballast.model.Migration;
import dev.ballast.model.Vm;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The checks made on the live hosts right before a step runs; the first that fails is the
 * reason the step is skipped. In order: the VM runs on {@code from}; the destination answers
 * and has no domain of that name; it has every bridge and libvirt network the VM's interfaces
 * use; it sees the shared storage of the VM's disks; its hypervisor can give the VM's CPU; it
 * has the VM's memory free.
 *
 * <p>Bridges are looked up as the destination's interfaces of type {@code bridge}. Shares cannot
 * be probed through libvirt (QEMU opens NFS images itself), so the destination's storage is what
 * the fresh snapshot says: its NFS pools and its VMs' shares, or the cluster file's
 * {@code storage}.
 */
final class Preflight {

    private final Hosts hosts;

    Preflight(Hosts hosts) {
        this.hosts = hosts;
    }

    /** Why the step may not run now, or empty when every check passes. */
    Optional<String> whyNot(Migration step, Vm vm, Host destination) {
        try {
            return check(step, vm, destination);
        } catch (HostException e) {
            return Optional.of("a host did not answer the pre-flight: " + message(e));
        }
    }

    private Optional<String> check(Migration step, Vm vm, Host destination) throws HostException {
        HostDriver source = hosts.driver(step.from());
        try {
            source.ping();
        } catch (HostException e) {
            return Optional.of("source " + step.from() + " does not answer: " + e.detail());
        }
        Optional<VmState> state = source.vmState(step.vm());
        if (state.isEmpty()) {
            return Optional.of(step.vm() + " is not on " + step.from() + " (" + hosts.locate(step.vm()) + ")");
        }
        if (state.get() != VmState.RUNNING) {
            return Optional.of(step.vm() + " is not running on " + step.from() + " (" + state.get().words() + ")");
        }
        HostDriver target = hosts.driver(step.to());
        try {
            target.ping();
        } catch (HostException e) {
            return Optional.of("destination " + step.to() + " does not answer: " + e.detail());
        }
        if (target.vmState(step.vm()).isPresent()) {
            return Optional.of(step.to() + " already has a domain named " + step.vm());
        }
        VmDetails details = source.vmDetails(step.vm());
        Optional<String> problem = bridges(step, details, target);
        if (problem.isEmpty()) {
            problem = networks(step, details, target);
        }
        if (problem.isEmpty()) {
            problem = storage(step, vm, details, destination);
        }
        if (problem.isEmpty()) {
            problem = cpu(step, details, source, target);
        }
        return problem.isPresent() ? problem : memory(step, details, target);
    }

    private static Optional<String> bridges(Migration step, VmDetails details, HostDriver target)
            throws HostException {
        for (String bridge : details.bridges()) {
            Optional<String> type = target.interfaceType(bridge);
            if (type.isEmpty()) {
                return Optional.of(step.to() + " has no bridge " + bridge + ", which " + step.vm()
                        + "'s network interface uses");
            }
            if (!"bridge".equals(type.get())) {
                return Optional.of(step.to() + " has an interface " + bridge + " but it is a " + type.get()
                        + ", not a bridge");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> networks(Migration step, VmDetails details, HostDriver target)
            throws HostException {
        for (String network : details.networks()) {
            Optional<Boolean> active = target.networkActive(network);
            if (active.isEmpty()) {
                return Optional.of(step.to() + " has no libvirt network " + network + ", which " + step.vm()
                        + "'s network interface uses");
            }
            if (!active.get()) {
                return Optional.of(step.to() + " has libvirt network " + network + " but it is not active");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> storage(Migration step, Vm vm, VmDetails details, Host destination) {
        Set<String> needed = new LinkedHashSet<>(details.storage());
        if (vm != null && vm.storage() != null) {
            needed.add(vm.storage());
        }
        if (needed.isEmpty() && !details.localDisks().isEmpty()) {
            return Optional.of(step.vm() + "'s disk " + details.localDisks().get(0) + " is not on shared storage");
        }
        for (String share : needed) {
            if (destination == null || !destination.storage().contains(share)) {
                return Optional.of(step.to() + " does not see NFS share " + share + " that " + step.vm()
                        + "'s disks live on (it has " + (destination == null ? "[]" : destination.storage()) + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cpu(Migration step, VmDetails details, HostDriver source, HostDriver target)
            throws HostException {
        if (details.cpu().isCustom()) {
            try {
                if (target.compareVmCpu(details.cpu()) == CpuCompatibility.INCOMPATIBLE) {
                    return Optional.of(step.to() + "'s hypervisor cannot give " + step.vm() + " its CPU");
                }
                return Optional.empty();
            } catch (HostException e) {
                return Optional.of("cannot compare " + step.vm() + "'s CPU on " + step.to() + ": " + e.detail());
            }
        }
        // host-model or host-passthrough: the guest sees the source's CPU, so the destination must offer it.
        CpuInfo hostCpu = source.cpu();
        if (hostCpu.model() == null) {
            return Optional.empty();
        }
        if (target.compareHostCpu(hostCpu) == CpuCompatibility.INCOMPATIBLE) {
            return Optional.of(step.to() + "'s CPU is not compatible with " + step.from() + "'s, which " + step.vm()
                    + " sees");
        }
        return Optional.empty();
    }

    private static Optional<String> memory(Migration step, VmDetails details, HostDriver target)
            throws HostException {
        long freeMiB = target.freeMemoryMiB();
        if (freeMiB < details.memoryMiB()) {
            return Optional.of(step.to() + " has " + freeMiB + " MiB free, " + step.vm() + " needs "
                    + details.memoryMiB() + " MiB");
        }
        return Optional.empty();
    }

    static String message(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ').trim();
    }
}
