package dev.ballast.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The state of a cluster at one moment: its hosts, its VMs and where they run, and the groups
 * that constrain them. The input of every plan.
 */
public record ClusterSnapshot(List<Host> hosts, List<Vm> vms, List<Group> groups) {

    public ClusterSnapshot {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        groups = List.copyOf(groups);
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hostsByName().get(name));
    }

    public Optional<Vm> vm(String name) {
        return Optional.ofNullable(vmsByName().get(name));
    }

    /** Hosts by name, in the snapshot's order. */
    public Map<String, Host> hostsByName() {
        return Collections.unmodifiableMap(hosts.stream()
                .collect(Collectors.toMap(Host::name, Function.identity(), (a, b) -> a, LinkedHashMap::new)));
    }

    /** VMs by name, in the snapshot's order. */
    public Map<String, Vm> vmsByName() {
        return Collections.unmodifiableMap(vms.stream()
                .collect(Collectors.toMap(Vm::name, Function.identity(), (a, b) -> a, LinkedHashMap::new)));
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
}
