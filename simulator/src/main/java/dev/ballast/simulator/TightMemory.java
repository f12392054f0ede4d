package dev.ballast.simulator;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster with each host's memory cut down to what its VMs use plus a little room under a
 * memory limit, the rooms given taken by turns: losing a host whose VMs are large, or many,
 * then strands some, and losing a light one does not. For what-if tests and benchmarks of host
 * failures, where a generated cluster's ample memory would absorb every loss.
 */
public final class TightMemory {

    private TightMemory() {
    }

    /**
     * @param memoryLimit the share of memory a policy lets VMs use (0.95 for the built-in ones)
     * @param roomGiB     the room each host keeps under the limit, host by host in turn
     */
    public static ClusterSnapshot cut(ClusterSnapshot cluster, double memoryLimit, long... roomGiB) {
        Map<String, Resources> load = cluster.currentPlacement().loadByHost(cluster);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < cluster.hosts().size(); i++) {
            Host host = cluster.hosts().get(i);
            long used = load.getOrDefault(host.name(), Resources.ZERO).memoryMiB();
            long capacity = (long) Math.ceil((used + roomGiB[i % roomGiB.length] * 1024) / memoryLimit) + 1;
            Resources c = host.capacity();
            hosts.add(new Host(host.name(), host.state(), new Resources(c.cpu(), Math.max(capacity, 1024), c.networkMbps()),
                    host.migrationLink(), host.storage(), host.bridges(), host.cpu(), host.power(), host.libvirtUri()));
        }
        return new ClusterSnapshot(hosts, cluster.vms(), cluster.groups());
    }
}
