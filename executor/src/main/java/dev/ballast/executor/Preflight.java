package dev.ballast.executor;

import dev.ballast.collector.Xml;
import dev.ballast.model.Host;
import dev.ballast.model.Migration;
import dev.ballast.model.Vm;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.libvirt.CPUCompareResult;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/**
 * The checks made on the live hosts right before a step runs; the first that fails is the
 * reason the step is skipped. In order: the VM runs on {@code from}; the destination answers
 * and has no domain of that name; it has every bridge and libvirt network the VM's interfaces
 * use; it sees the NFS shares of the VM's disks; its hypervisor can give the VM's CPU; it has
 * the VM's memory free.
 *
 * <p>Bridges are looked up through libvirt's interface API on the destination
 * ({@code virInterfaceLookupByName}, type {@code bridge}). Shares cannot be probed through
 * libvirt (QEMU opens NFS images itself), so the destination's storage is what the fresh
 * snapshot says: its NFS pools and its VMs' shares, or the cluster file's {@code storage}.
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
        } catch (LibvirtException | LibvirtFailure e) {
            hosts.drop(step.from());
            hosts.drop(step.to());
            return Optional.of("a host did not answer the pre-flight: " + message(e));
        }
    }

    private Optional<String> check(Migration step, Vm vm, Host destination) throws LibvirtException {
        HostConnection source;
        try {
            source = hosts.connection(step.from());
            source.ping();
        } catch (LibvirtException e) {
            hosts.drop(step.from());
            return Optional.of("source " + step.from() + " does not answer: " + message(e));
        }
        Optional<Integer> state = source.domainState(step.vm());
        if (state.isEmpty()) {
            return Optional.of(step.vm() + " is not on " + step.from() + " (" + hosts.locate(step.vm()) + ")");
        }
        if (state.get() != NativeLibvirt.STATE_RUNNING) {
            return Optional.of(step.vm() + " is not running on " + step.from() + " (" + stateName(state.get()) + ")");
        }
        HostConnection target;
        try {
            target = hosts.connection(step.to());
            target.ping();
        } catch (LibvirtException e) {
            hosts.drop(step.to());
            return Optional.of("destination " + step.to() + " does not answer: " + message(e));
        }
        if (target.domainState(step.vm()).isPresent()) {
            return Optional.of(step.to() + " already has a domain named " + step.vm());
        }
        DomainFacts facts = DomainFacts.parse(source.domainLookupByName(step.vm()).getXMLDesc(0));
        return firstOf(
                bridges(step, facts, target),
                networks(step, facts, target),
                storage(step, vm, facts, destination),
                cpu(step, facts, source, target),
                memory(step, facts, target));
    }

    @SafeVarargs
    private static Optional<String> firstOf(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> bridges(Migration step, DomainFacts facts, HostConnection target) {
        for (String bridge : facts.bridges()) {
            String type;
            try {
                type = Xml.parse(target.interfaceLookupByName(bridge).getXMLDescription(0))
                        .getAttribute("type");
            } catch (LibvirtException e) {
                return Optional.of(step.to() + " has no bridge " + bridge + ", which " + step.vm()
                        + "'s network interface uses");
            }
            if (!"bridge".equals(type)) {
                return Optional.of(step.to() + " has an interface " + bridge + " but it is a " + type + ", not a bridge");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> networks(Migration step, DomainFacts facts, HostConnection target) {
        for (String network : facts.networks()) {
            try {
                if (target.networkLookupByName(network).isActive() != 1) {
                    return Optional.of(step.to() + " has libvirt network " + network + " but it is not active");
                }
            } catch (LibvirtException e) {
                return Optional.of(step.to() + " has no libvirt network " + network + ", which " + step.vm()
                        + "'s network interface uses");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> storage(Migration step, Vm vm, DomainFacts facts, Host destination) {
        Set<String> needed = new LinkedHashSet<>(facts.nfs());
        if (vm != null && vm.storage() != null) {
            needed.add(vm.storage());
        }
        if (needed.isEmpty() && !facts.localDisks().isEmpty()) {
            return Optional.of(step.vm() + "'s disk " + facts.localDisks().get(0) + " is not on shared storage");
        }
        for (String share : needed) {
            if (destination == null || !destination.storage().contains(share)) {
                return Optional.of(step.to() + " does not see NFS share " + share + " that " + step.vm()
                        + "'s disks live on (it has " + (destination == null ? "[]" : destination.storage()) + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cpu(Migration step, DomainFacts facts, HostConnection source,
            HostConnection target) throws LibvirtException {
        if (facts.hasCustomCpu()) {
            int result = target.compareHypervisorCpu(facts.emulator(), facts.arch(), facts.machine(),
                    facts.virtType(), facts.cpuXml());
            if (result == 0) {
                return Optional.of(step.to() + "'s hypervisor cannot give " + step.vm() + " its CPU");
            }
            if (result < 0) {
                return Optional.of("cannot compare " + step.vm() + "'s CPU on " + step.to() + ": "
                        + LibvirtFailure.last("virConnectCompareHypervisorCPU").getMessage());
            }
            return Optional.empty();
        }
        // host-model or host-passthrough: the guest sees the source's CPU, so the destination must offer it.
        Element hostCpu = Xml.child(Xml.child(Xml.parse(source.getCapabilities()), "host"),
                "cpu");
        if (hostCpu == null) {
            return Optional.empty();
        }
        String xml = "<cpu><arch>" + Xml.text(hostCpu, "arch") + "</arch><model>"
                + Xml.text(hostCpu, "model") + "</model></cpu>";
        if (target.compareCPU(xml) == CPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE) {
            return Optional.of(step.to() + "'s CPU is not compatible with " + step.from() + "'s, which " + step.vm()
                    + " sees");
        }
        return Optional.empty();
    }

    private static Optional<String> memory(Migration step, DomainFacts facts, HostConnection target)
            throws LibvirtException {
        long freeMiB = target.getFreeMemory() / (1024 * 1024);
        if (freeMiB < facts.memoryMiB()) {
            return Optional.of(step.to() + " has " + freeMiB + " MiB free, " + step.vm() + " needs " + facts.memoryMiB()
                    + " MiB");
        }
        return Optional.empty();
    }

    static String stateName(int state) {
        return switch (state) {
            case 0 -> "no state";
            case 1 -> "running";
            case 2 -> "blocked";
            case 3 -> "paused";
            case 4 -> "shutting down";
            case 5 -> "shut off";
            case 6 -> "crashed";
            case 7 -> "suspended by the guest";
            default -> "state " + state;
        };
    }

    static String message(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ').trim();
    }
}
