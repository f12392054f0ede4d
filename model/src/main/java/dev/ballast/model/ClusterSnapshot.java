package dev.ballast.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a cluster at one moment: its hosts, its VMs and where they run, and the groups
 * that constrain them. The input of every plan. Immutable; lookups by name are indexed once.
 */
public final class ClusterSnapshot {

    private final List<Host> hosts;
    private final List<Vm> vms;
    private final List<Group> groups;
    private final Map<String, Host> hostsByName;
    private final Map<String, Vm> vmsByName;

    public ClusterSnapshot(List<Host> hosts, List<Vm> vms, List<Group> groups) {
        this.hosts = List.copyOf(hosts);
        this.vms = List.copyOf(vms);
        this.groups = List.copyOf(groups);
        this.hostsByName = index(this.hosts.stream().map(h -> Map.entry(h.name(), h)).toList());
        this.vmsByName = index(this.vms.stream().map(v -> Map.entry(v.name(), v)).toList());
    }

    private static <T> Map<String, T> index(List<Map.Entry<String, T>> entries) {
        Map<String, T> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.putIfAbsent(e.getKey(), e.getValue()));
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
        return Optional.ofNullable(hostsByName.get(name));
    }

    public Optional<Vm> vm(String name) {
        return Optional.ofNullable(vmsByName.get(name));
    }

    /** Hosts by name, in the snapshot's order. */
    public Map<String, Host> hostsByName() {
        return hostsByName;
    }

    /** VMs by name, in the snapshot's order. */
    public Map<String, Vm> vmsByName() {
        return vmsByName;
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
