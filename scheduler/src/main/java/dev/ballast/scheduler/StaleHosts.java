package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Vm;

import java.util.Map;

/**
 * Hosts whose figures are stale are planned around: their VMs stay where they are, since their
 * demand is old news, and nothing moves onto them (the hard rules see to that).
 */
final class StaleHosts {

    private StaleHosts() {
    }

    static ClusterSnapshot leaveAlone(ClusterSnapshot snapshot) {
        Map<String, Host> hosts = snapshot.hostsByName();
        if (hosts.values().stream().noneMatch(Host::isStale)) {
            return snapshot;
        }
        return new ClusterSnapshot(snapshot.hosts(),
                snapshot.vms().stream().map(vm -> onStaleHost(vm, hosts) ? vm.asPinned() : vm).toList(),
                snapshot.groups());
    }

    private static boolean onStaleHost(Vm vm, Map<String, Host> hosts) {
        return vm.host() != null && hosts.containsKey(vm.host()) && hosts.get(vm.host()).isStale();
    }
}
