package dev.ballast.service.web;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Shares;
import dev.ballast.model.Vm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as the service last collected it, as the web page shows it: each host's state and
 * share of its capacity in use, against the limits of one of the service's policies.
 *
 * @param limits     the limits the page marks
 * @param limitsFrom whose limits they are, in words ({@code policy relieve of job overload-watch})
 */
public record ClusterNow(List<HostNow> hosts, int vms, Limits limits, String limitsFrom) {

    /**
     * One host now.
     *
     * @param staleReason why its figures are out of date; null when they are fresh
     */
    public record HostNow(String name, HostState state, String staleReason, int vms, Shares use) {

        public boolean stale() {
            return staleReason != null;
        }
    }

    public ClusterNow {
        hosts = List.copyOf(hosts);
    }

    /** The snapshot's hosts in its order, their use worked out from where its VMs run. */
    public static ClusterNow of(ClusterSnapshot snapshot, Limits limits, String limitsFrom) {
        Map<String, Resources> load = snapshot.currentPlacement().loadByHost(snapshot);
        Map<String, Integer> vms = new HashMap<>();
        for (Vm vm : snapshot.vms()) {
            if (vm.host() != null) {
                vms.merge(vm.host(), 1, Integer::sum);
            }
        }
        List<HostNow> hosts = snapshot.hosts().stream().map(host -> new HostNow(host.name(), host.state(),
                host.isStale() ? host.stale().reason() : null, vms.getOrDefault(host.name(), 0),
                shares(host, load.getOrDefault(host.name(), Resources.ZERO)))).toList();
        return new ClusterNow(hosts, snapshot.vms().size(), limits, limitsFrom);
    }

    private static Shares shares(Host host, Resources used) {
        return new Shares(share(host, used, Resource.CPU), share(host, used, Resource.MEMORY),
                share(host, used, Resource.NETWORK));
    }

    private static double share(Host host, Resources used, Resource resource) {
        double capacity = host.capacity().get(resource);
        return capacity > 0 ? used.get(resource) / capacity : 0;
    }

    /** True when the host uses more of {@code resource} than the limit allows. */
    public boolean over(HostNow host, Resource resource) {
        return host.use().get(resource) > limits.get(resource);
    }

    /** How many hosts are in {@code state}. */
    public long count(HostState state) {
        return hosts.stream().filter(h -> h.state() == state).count();
    }

    public long stale() {
        return hosts.stream().filter(HostNow::stale).count();
    }
}
