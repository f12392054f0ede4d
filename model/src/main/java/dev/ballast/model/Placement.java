package dev.ballast.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which host each VM runs on. A VM absent from the placement runs nowhere (a new VM not yet
 * placed).
 */
public record Placement(Map<String, String> hostOfVm) {

    public Placement {
        hostOfVm = Collections.unmodifiableMap(new LinkedHashMap<>(hostOfVm));
    }

    public String hostOf(String vm) {
        return hostOfVm.get(vm);
    }

    /** The load each host carries under this placement; hosts holding nothing are absent. */
    public Map<String, Resources> loadByHost(ClusterSnapshot snapshot) {
        Map<String, Resources> load = new LinkedHashMap<>();
        for (Vm vm : snapshot.vms()) {
            String host = hostOfVm.get(vm.name());
            if (host != null) {
                load.merge(host, vm.usage(), Resources::plus);
            }
        }
        return load;
    }

    /** Names of the hosts holding at least one VM, sorted. */
    public Set<String> usedHosts() {
        return new TreeSet<>(hostOfVm.values());
    }

    /** This placement with one VM on another host. */
    public Placement with(String vm, String host) {
        Map<String, String> copy = new LinkedHashMap<>(hostOfVm);
        copy.put(vm, host);
        return new Placement(copy);
    }
}
