package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;

import java.util.Set;

/**
 * The VMs that ran on the hosts a plan leaves empty: the fewest migrations that can empty those
 * hosts. A consolidation plan that moves many more repacks hosts it keeps on.
 */
final class EmptiedHosts {

    private EmptiedHosts() {
    }

    static int vmsOn(ClusterSnapshot snapshot, Placement target) {
        Set<String> used = target.usedHosts();
        return (int) snapshot.vms().stream().filter(vm -> vm.host() != null && !used.contains(vm.host())).count();
    }
}
