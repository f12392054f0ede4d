package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.balance.Tolerance;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Utilisation;
import dev.ballast.model.Vm;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Balance figures: how far the hottest host's CPU runs above the mean, and how many VMs sit on
 * overloaded hosts, the migrations a naive balancer would make by moving every one of them.
 */
public final class Imbalance {

    private Imbalance() {
    }

    /** The hottest active host's CPU utilisation minus the mean, in percentage points. */
    public static double cpuGapPoints(ClusterSnapshot snapshot, Placement placement) {
        Utilisation cpu = Utilisation.of(snapshot, placement, Resource.CPU);
        return (cpu.max() - cpu.mean()) * 100;
    }

    /**
     * The least CPU gap any placement can have, in percentage points: the busiest VM's CPU
     * demand over the largest active host's cores, less the mean. No placement does better,
     * since that VM runs somewhere; 0 when no single VM stands in the way.
     */
    public static double cpuGapFloorPoints(ClusterSnapshot snapshot) {
        double largest = snapshot.hosts().stream().filter(Host::isActive).mapToDouble(h -> h.capacity().cpu())
                .max().orElse(0);
        double busiest = snapshot.vms().stream().mapToDouble(vm -> vm.demand().cpu()).max().orElse(0);
        double mean = Utilisation.of(snapshot, snapshot.currentPlacement(), Resource.CPU).mean();
        return largest == 0 ? 0 : Math.max(0, busiest / largest - mean) * 100;
    }

    /**
     * The VMs running now on an overloaded host: one over the policy's limit for some resource,
     * or more than {@code hotAbove} above the mean utilisation of some resource.
     */
    public static int vmsOnOverloadedHosts(ClusterSnapshot snapshot, Policy policy, Tolerance hotAbove) {
        Placement current = snapshot.currentPlacement();
        Map<String, Resources> load = current.loadByHost(snapshot);
        Map<Resource, Double> mean = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            mean.put(resource, Utilisation.of(snapshot, current, resource).mean());
        }
        Set<String> overloaded = new HashSet<>();
        for (Host host : snapshot.hosts()) {
            if (host.isActive()
                    && isOverloaded(host, load.getOrDefault(host.name(), Resources.ZERO), policy, hotAbove, mean)) {
                overloaded.add(host.name());
            }
        }
        List<Vm> onThem = snapshot.vms().stream().filter(vm -> overloaded.contains(vm.host())).toList();
        return onThem.size();
    }

    private static boolean isOverloaded(Host host, Resources load, Policy policy, Tolerance hotAbove,
            Map<Resource, Double> mean) {
        for (Resource resource : Resource.values()) {
            double capacity = host.capacity().get(resource);
            double used = capacity == 0 ? 0 : load.get(resource) / capacity;
            if (used > policy.limits().get(resource) + 1e-9 || used > mean.get(resource) + hotAbove.get(resource)) {
                return true;
            }
        }
        return false;
    }
}
