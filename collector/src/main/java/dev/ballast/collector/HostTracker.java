package dev.ballast.collector;

import dev.ballast.formats.NameRule;
import dev.ballast.formats.Printable;
import dev.ballast.hosts.HostInventory;
import dev.ballast.hosts.VmInventory;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterConfig.Smoothing;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Staleness;
import dev.ballast.model.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the collector knows of one host: its newest inventory, the windows of its figures,
 * and when each source last answered. Sampling tasks report here (possibly late, from another
 * thread), and the snapshot is built from here, so every method is synchronized.
 *
 * <p>A host's capacity in the snapshot is what libvirt reports (or what the cluster file
 * declares instead, or libvirt's cores times the file's CPU overcommit), less the configured
 * reserve, less what the host uses beyond its VMs (smoothed), so that the planner, which sums
 * VM demands, sees what is really left.
 *
 * <p>A host whose power driver said it is off (when libvirt did not answer) is {@code standby}
 * until libvirt answers again or its power driver no longer says off: it runs nothing, is not
 * stale (a host switched off is expected to be silent, and raises no alarm), and keeps the
 * capacity, storage and bridges it had when it last answered, so that the planner can weigh
 * switching it on. One that has never answered has only the capacity the cluster file declares.
 */
final class HostTracker {

    // A host is never written with no capacity at all: the snapshot would be refused.
    private static final double LEAST_SHARE = 0.01;

    private final HostConfig config;
    private final boolean prometheusConfigured;
    private final Figures figures;
    private final Instant startedAt;
    private HostReading reading;
    /** The newest inventory, kept while the host is off. */
    private HostInventory lastInventory;
    /** Since when its power driver says the host is off; null while it is not known off. */
    private Instant offSince;
    private final SourceHealth libvirt;
    private final SourceHealth prometheus;

    HostTracker(HostConfig config, Smoothing smoothing, boolean prometheusConfigured, Instant startedAt) {
        this.config = config;
        this.prometheusConfigured = prometheusConfigured;
        this.figures = new Figures(smoothing);
        this.startedAt = startedAt;
        this.libvirt = new SourceHealth("libvirt " + config.libvirtUri());
        this.prometheus = new SourceHealth("Prometheus");
    }

    String name() {
        return config.name();
    }

    synchronized void libvirtRead(HostReading next) {
        if (reading != null) {
            Rates.hostCpu(reading, next).ifPresent(cpu -> figures.add("host.cpu.libvirt", cpu));
            Rates.vms(reading, next).forEach(this::addVm);
        }
        figures.add("host.memory.libvirt", next.statistics().memoryUsedMiB());
        figures.retainVms(next.statistics().vms().keySet());
        reading = next;
        lastInventory = next.inventory();
        offSince = null;
        libvirt.answered(next.takenAt());
    }

    /**
     * Its power driver says the host is off: standby from now on, until libvirt answers again.
     * What was read before it went off is dropped (its VMs stopped, its counters restart); its
     * inventory is kept for its capacity.
     */
    synchronized void switchedOff(Instant at) {
        if (offSince == null) {
            offSince = at;
        }
        reading = null;
    }

    /**
     * Its power driver does not say off (on, or no answer): the host's silence counts again, and
     * it has been silent since it was seen off.
     */
    synchronized void notSwitchedOff() {
        if (offSince != null) {
            libvirt.forget(offSince);
            offSince = null;
        }
    }

    private void addVm(String vm, VmUse use) {
        figures.add(Figures.vm(vm, "cpu"), use.cpu());
        figures.add(Figures.vm(vm, "network"), use.networkMbps());
        figures.add(Figures.vm(vm, "memory"), use.memoryMiB());
    }

    synchronized void libvirtFailed(String reason) {
        libvirt.failed(reason);
    }

    /** Prometheus's figures for this host; a figure it has no series for stays unknown. */
    synchronized void prometheusRead(Instant at, HostUse use, Map<String, VmUse> vms) {
        figures.add("host.cpu.prometheus", use.cpu());
        figures.add("host.memory.prometheus", use.memoryMiB());
        figures.add("host.network.prometheus", use.networkMbps());
        for (VmInventory vm : reading == null ? List.<VmInventory>of() : reading.inventory().vms()) {
            VmUse vmUse = vms.get(vm.name());
            if (vmUse != null) {
                figures.add(Figures.vm(vm.name(), "cpu.prometheus"), vmUse.cpu());
                figures.add(Figures.vm(vm.name(), "network.prometheus"), vmUse.networkMbps());
            }
        }
        if (use.cpu() == null && use.memoryMiB() == null) {
            prometheus.failed("Prometheus has no series for instance \"" + config.instanceOrName() + "\"");
        } else {
            prometheus.answered(at);
        }
    }

    synchronized void prometheusFailed(String reason) {
        prometheus.failed(reason);
    }

    /** The host as the snapshot describes it at {@code now}, stale when a source has been silent too long. */
    synchronized Host host(Instant now, Duration staleAfter) {
        if (offSince != null) {
            return standby();
        }
        Staleness stale = staleness(now, staleAfter);
        if (reading == null) {
            return new Host(config.name(), HostState.ACTIVE, new Resources(1, 1, config.networkMbps()),
                    config.migrationLink(), orEmpty(config.storage()), orEmpty(config.bridges()), null, config.power(),
                    config.libvirtUri(), stale);
        }
        HostInventory inventory = reading.inventory();
        List<Vm> vms = vms();
        return new Host(config.name(), HostState.ACTIVE, holdingEach(capacity(inventory), vms), config.migrationLink(),
                offered(config.storage() == null ? inventory.storage() : config.storage(), vms, this::storageOf),
                offered(config.bridges() == null ? inventory.bridges() : config.bridges(), vms, Vm::bridges),
                inventory.cpu(), config.power(), config.libvirtUri(), stale);
    }

    /** The host switched off: what it offered when it last answered, or what the cluster file declares. */
    private Host standby() {
        Resources capacity = lastInventory != null
                ? atLeastAShare(config.physical(lastInventory.cpus(), lastInventory.memoryMiB()).minus(config.reserve()),
                        config.physical(lastInventory.cpus(), lastInventory.memoryMiB()))
                : declaredCapacity().orElse(new Resources(1, 1, config.networkMbps()));
        Set<String> storage = config.storage() != null ? config.storage()
                : lastInventory != null ? lastInventory.storage() : Set.of();
        Set<String> bridges = config.bridges() != null ? config.bridges()
                : lastInventory != null ? lastInventory.bridges() : Set.of();
        return new Host(config.name(), HostState.STANDBY, capacity, config.migrationLink(),
                offered(storage, List.of(), this::storageOf), offered(bridges, List.of(), Vm::bridges),
                lastInventory == null ? null : lastInventory.cpu(), config.power(), config.libvirtUri(), null);
    }

    /** The capacity the cluster file declares in full (CPU and memory), less the reserve. */
    private Optional<Resources> declaredCapacity() {
        if (config.capacity() == null || config.capacity().cpu() == null || config.capacity().memoryMiB() == null) {
            return Optional.empty();
        }
        Resources declared = config.physical(0, 0);
        return Optional.of(atLeastAShare(declared.minus(config.reserve()), declared));
    }

    /**
     * The capacity, raised where one VM running on the host is larger: libvirt's test driver, and
     * a host that over-commits memory, run a VM bigger than what the host has left. The VM is a
     * fact to record, and a snapshot in which a VM fits on no host would be refused by every
     * reader; recorded this way, the host is full (or over its limits) and the planner moves VMs
     * off it if it can. {@link #status} says when it happened.
     */
    private static Resources holdingEach(Resources capacity, List<Vm> vms) {
        double cpu = capacity.cpu();
        long memoryMiB = capacity.memoryMiB();
        double networkMbps = capacity.networkMbps();
        for (Vm vm : vms) {
            cpu = Math.max(cpu, vm.usage().cpu());
            memoryMiB = Math.max(memoryMiB, vm.memoryMiB());
            networkMbps = Math.max(networkMbps, vm.usage().networkMbps());
        }
        return new Resources(cpu, memoryMiB, networkMbps);
    }

    /** What the host offers, with what its running VMs use (they run there, so it has it), without ids no reader accepts. */
    private static Set<String> offered(Set<String> given, List<Vm> vms, Function<Vm, Set<String>> used) {
        Set<String> offered = new TreeSet<>();
        given.stream().filter(id -> NameRule.problemWith(id).isEmpty()).forEach(offered::add);
        vms.forEach(vm -> offered.addAll(used.apply(vm)));
        return offered;
    }

    private Set<String> storageOf(Vm vm) {
        return vm.storage() == null ? Set.of() : Set.of(vm.storage());
    }

    /**
     * Why the snapshot cannot list this VM, or empty when it can: a name, storage or bridge id the
     * readers refuse (see docs/input.md). Such a VM is left out, its use counted as the host's own.
     */
    static Optional<String> unwritable(VmInventory vm) {
        Optional<String> name = NameRule.problemWith(vm.name());
        if (name.isPresent()) {
            return Optional.of("its name " + name.get());
        }
        if (vm.storage() != null && NameRule.problemWith(vm.storage()).isPresent()) {
            return Optional.of("its storage id " + NameRule.problemWith(vm.storage()).get());
        }
        for (String bridge : vm.bridges()) {
            Optional<String> problem = NameRule.problemWith(bridge);
            if (problem.isPresent()) {
                return Optional.of("its bridge " + Printable.escape(bridge) + " " + problem.get());
            }
        }
        return Optional.empty();
    }

    /** The host's running VMs with their smoothed demand; none before its first answer. */
    synchronized List<Vm> vms() {
        List<Vm> vms = new ArrayList<>();
        if (reading != null) {
            writable().forEach(vm -> vms.add(vm(vm)));
        }
        return vms;
    }

    private List<VmInventory> writable() {
        return reading.inventory().vms().stream().filter(vm -> unwritable(vm).isEmpty()).toList();
    }

    /** One line for the operator: how the host is doing at {@code now}. */
    synchronized String status(Instant now, Duration staleAfter) {
        if (offSince != null) {
            return config.name() + ": standby, switched off (its power driver says off since " + offSince + ")"
                    + (lastInventory != null || declaredCapacity().isPresent() ? ""
                            : " (capacity unknown until it answers once: give hosts[].capacity in the cluster file)");
        }
        Staleness stale = staleness(now, staleAfter);
        if (stale != null) {
            return config.name() + ": STALE since " + stale.since() + ": " + stale.reason();
        }
        Resources left = capacity(reading.inventory());
        Resources capacity = holdingEach(left, vms());
        Resources used = vmUse();
        StringBuilder warning = new StringBuilder(libvirt.error() == null ? "" : " (last sample failed: " + libvirt.error() + ")");
        if (!capacity.equals(left)) {
            warning.append(String.format(Locale.ROOT, " (a VM is larger than what the host has left, cpu %.1f cores,"
                    + " memory %d MiB: capacity written as large as that VM)", left.cpu(), left.memoryMiB()));
        }
        for (VmInventory vm : reading.inventory().vms()) {
            unwritable(vm).ifPresent(why -> warning.append(" (VM \"").append(Printable.escape(vm.name()))
                    .append("\" left out of the snapshot: ").append(why).append(")"));
        }
        return String.format(Locale.ROOT, "%s: ok, %d VMs, cpu %.1f/%.1f cores, memory %d/%d MiB%s",
                config.name(), vms().size(), used.cpu(), capacity.cpu(), used.memoryMiB(),
                capacity.memoryMiB(), warning);
    }

    private Vm vm(VmInventory vm) {
        // Until two samples give a rate, a VM counts at its full vCPUs: over-counting is the safe side.
        double cpu = firstKnown(figures.value(Figures.vm(vm.name(), "cpu.prometheus")),
                figures.value(Figures.vm(vm.name(), "cpu")), (double) vm.vcpus());
        double network = firstKnown(figures.value(Figures.vm(vm.name(), "network.prometheus")),
                figures.value(Figures.vm(vm.name(), "network")), 0.0);
        // A rate over no time, or a counter that went wrong, is not a demand: fall back as if unknown.
        cpu = Double.isFinite(cpu) && cpu >= 0 ? cpu : vm.vcpus();
        network = Double.isFinite(network) && network >= 0 ? network : 0.0;
        return new Vm(vm.name(), config.name(), vm.memoryMiB(), vm.vcpus(), new Demand(cpu, network), null,
                vm.storage(), vm.bridges(), false);
    }

    private Resources capacity(HostInventory inventory) {
        Resources physical = config.physical(inventory.cpus(), inventory.memoryMiB());
        return atLeastAShare(physical.minus(config.reserve()).minus(otherUse()), physical);
    }

    private static Resources atLeastAShare(Resources left, Resources physical) {
        return new Resources(Math.max(left.cpu(), physical.cpu() * LEAST_SHARE),
                Math.max(left.memoryMiB(), (long) Math.ceil(physical.memoryMiB() * LEAST_SHARE)),
                Math.max(left.networkMbps(), physical.networkMbps() * LEAST_SHARE));
    }

    /** What the host uses beyond its VMs (hypervisor, daemons, page tables): host use less VM use, at least 0. */
    private Resources otherUse() {
        Double hostCpu = firstKnown(figures.value("host.cpu.prometheus"), figures.value("host.cpu.libvirt"), null);
        Double hostMemory = firstKnown(figures.value("host.memory.prometheus"), figures.value("host.memory.libvirt"),
                null);
        Double hostNetwork = figures.value("host.network.prometheus");
        double vmCpu = 0;
        double vmMemory = 0;
        double vmNetwork = 0;
        for (VmInventory vm : writable()) {
            Vm counted = vm(vm);
            vmCpu += counted.demand().cpu();
            vmNetwork += counted.demand().networkMbps();
            vmMemory += firstKnown(figures.value(Figures.vm(vm.name(), "memory")), null, (double) vm.memoryMiB());
        }
        return new Resources(beyond(hostCpu, vmCpu), (long) Math.ceil(beyond(hostMemory, vmMemory)),
                beyond(hostNetwork, vmNetwork));
    }

    private Resources vmUse() {
        return vms().stream().map(Vm::usage).reduce(Resources.ZERO, Resources::plus);
    }

    private Staleness staleness(Instant now, Duration staleAfter) {
        Staleness fromLibvirt = libvirt.staleness(now, staleAfter, startedAt);
        Staleness fromPrometheus = prometheusConfigured ? prometheus.staleness(now, staleAfter, startedAt) : null;
        if (fromLibvirt == null || fromPrometheus == null) {
            return fromLibvirt == null ? fromPrometheus : fromLibvirt;
        }
        return fromLibvirt.since().isAfter(fromPrometheus.since()) ? fromPrometheus : fromLibvirt;
    }

    private static double beyond(Double host, double vms) {
        return host == null ? 0 : Math.max(0, host - vms);
    }

    private static Double firstKnown(Double first, Double second, Double otherwise) {
        return first != null ? first : second != null ? second : otherwise;
    }

    private static Set<String> orEmpty(Set<String> names) {
        return names == null ? Set.of() : names;
    }

    @Override
    public synchronized String toString() {
        return config.name() + (reading == null ? "" : reading.inventory().vms().stream().map(VmInventory::name)
                .collect(Collectors.joining(", ", " [", "]")));
    }
}
