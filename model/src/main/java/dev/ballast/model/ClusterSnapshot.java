package dev.ballast.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The state of a cluster at one moment: its hosts, its VMs and where they run, and the groups
 * that constrain them. The input of every plan. Immutable; lookups by name are indexed once, on
 * first use.
 */
public final class ClusterSnapshot {

    private final List<Host> hosts;
    private final List<Vm> vms;
    private final List<Group> groups;
    // Built on first use, by whichever thread comes first (another may build an equal one): a
    // snapshot that is only checked, as by validate, needs no index of its millions of VMs.
    private volatile Map<String, Host> hostsByName;
    private volatile Map<String, Vm> vmsByName;

    public ClusterSnapshot(List<Host> hosts, List<Vm> vms, List<Group> groups) {
        this.hosts = List.copyOf(hosts);
        this.vms = List.copyOf(vms);
        this.groups = List.copyOf(groups);
    }

    /** The first of each name, in list order. */
    private static <T> Map<String, T> index(List<T> elements, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        elements.forEach(e -> byName.putIfAbsent(name.apply(e), e));
        return Collections.unmodifiableMap(byName);
    }

    public List<Host> hosts() {
        return hosts;
    }

    public List<Vm> vms() {
        return vms;
    }

    public List<Group> groups() {
        return groups;
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hostsByName().get(name));
    }

    public Optional<Vm> vm(String name) {
        return Optional.ofNullable(vmsByName().get(name));
    }

    /** Hosts by name, in the snapshot's order. */
    public Map<String, Host> hostsByName() {
        Map<String, Host> byName = hostsByName;
        if (byName == null) {
            byName = index(hosts, Host::name);
            hostsByName = byName;
        }
        return byName;
    }

    /** VMs by name, in the snapshot's order. */
    public Map<String, Vm> vmsByName() {
        Map<String, Vm> byName = vmsByName;
        if (byName == null) {
            byName = index(vms, Vm::name);
            vmsByName = byName;
        }
        return byName;
    }

    /** Where the VMs run now; new VMs are absent. */
    public Placement currentPlacement() {
        Map<String, String> hostOfVm = new LinkedHashMap<>();
        for (Vm vm : vms) {
            if (vm.host() != null) {
                hostOfVm.put(vm.name(), vm.host());
            }
        }
        return new Placement(hostOfVm);
    }

    /** This snapshot with one host's state changed, e.g. to plan an evacuation. */
    public ClusterSnapshot withHostState(String hostName, HostState state) {
        return new ClusterSnapshot(
                hosts.stream().map(h -> h.name().equals(hostName) ? h.withState(state) : h).toList(), vms, groups);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterSnapshot that
                && hosts.equals(that.hosts) && vms.equals(that.vms) && groups.equals(that.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hosts, vms, groups);
    }

    @Override
    public String toString() {
        return "ClusterSnapshot[" + hosts.size() + " hosts, " + vms.size() + " VMs, " + groups.size() + " groups]";
    }
}
