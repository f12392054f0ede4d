package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.util.List;
import java.util.Map;

/**
 * Balance's one mean and one threshold, computed once per cluster and used by both the solver's
 * hot-spot prices and {@link ShaveHotSpots}. The mean of a resource is all the VMs' load over all
 * the active hosts' capacity: the utilisation every active host would have if the load were
 * perfectly even, whichever host the VMs run on now (a host in maintenance, or none for a new
 * VM); on a placement with every VM on an active host it is {@code Utilisation.mean}. A host is
 * hot on a resource when its load runs above the mean plus the policy's tolerance.
 */
public final class HotSpots {

    private static final Resource[] RESOURCES = Resource.values();

    private final double[] mean = new double[RESOURCES.length];
    private final Tolerance tolerance;

    private HotSpots(ClusterSnapshot snapshot, Tolerance tolerance) {
        this.tolerance = tolerance;
        Resources needed = snapshot.vms().stream().map(Vm::usage).reduce(Resources.ZERO, Resources::plus);
        Resources offered = snapshot.hosts().stream().filter(Host::isActive).map(Host::capacity)
                .reduce(Resources.ZERO, Resources::plus);
        for (Resource resource : RESOURCES) {
            double capacity = offered.get(resource);
            mean[resource.ordinal()] = capacity <= 0 ? 0 : needed.get(resource) / capacity;
        }
    }

    public static HotSpots of(ClusterSnapshot snapshot, Tolerance tolerance) {
        return new HotSpots(snapshot, tolerance);
    }

    /** The cluster's mean utilisation of the resource, as a fraction. */
    public double mean(Resource resource) {
        return mean[resource.ordinal()];
    }

    /** The load of the resource above which the host is hot, in the resource's units. */
    public double threshold(Host host, Resource resource) {
        return (mean(resource) + tolerance.get(resource)) * host.capacity().get(resource);
    }

    /** How far a load runs above the host's thresholds, as shares of its capacity, summed over the resources. */
    public double excess(Host host, Resources load) {
        double sum = 0;
        for (Resource resource : RESOURCES) {
            double over = load.get(resource) - threshold(host, resource);
            if (over > 0) {
                sum += over / host.capacity().get(resource);
            }
        }
        return sum;
    }

    /** The smallest share of capacity left below a threshold: how close to hot the host would be. */
    public double slack(Host host, Resources load) {
        double least = Double.MAX_VALUE;
        for (Resource resource : RESOURCES) {
            least = Math.min(least, (threshold(host, resource) - load.get(resource)) / host.capacity().get(resource));
        }
        return least;
    }

    /** The active hosts that run hot under the placement, in the snapshot's order. */
    public List<String> hotHosts(ClusterSnapshot snapshot, Placement placement) {
        Map<String, Resources> load = placement.loadByHost(snapshot);
        return snapshot.hosts().stream().filter(Host::isActive)
                .filter(h -> excess(h, load.getOrDefault(h.name(), Resources.ZERO)) > 0)
                .map(Host::name).toList();
    }
}
