package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;

import java.util.List;
import java.util.Map;

/**
 * Balance's imbalance figure: the standard deviation of the active hosts' utilisation around the
 * cluster's mean, each host weighted by its capacity, and the root mean square of that over CPU,
 * memory and network. It is what the solver's sum of squared utilisation measures (see
 * {@link Aggressiveness}): {@code n * 3 * spread^2} plus a constant on {@code n} hosts of the
 * mean size. 0 when every host runs at the mean; 0.1 is 10 points.
 */
final class Spread {

    private Spread() {
    }

    static double of(ClusterSnapshot snapshot, Placement placement) {
        Map<String, Resources> load = placement.loadByHost(snapshot);
        List<Host> active = snapshot.hosts().stream().filter(Host::isActive).toList();
        if (active.isEmpty()) {
            return 0;
        }
        double sumOfVariances = 0;
        for (Resource resource : Resource.values()) {
            double capacity = active.stream().mapToDouble(h -> h.capacity().get(resource)).sum();
            double used = active.stream().mapToDouble(h -> load.getOrDefault(h.name(), Resources.ZERO).get(resource))
                    .sum();
            if (capacity <= 0) {
                continue;
            }
            double mean = used / capacity;
            double variance = 0;
            for (Host host : active) {
                double size = host.capacity().get(resource);
                double u = load.getOrDefault(host.name(), Resources.ZERO).get(resource) / size;
                variance += size * (u - mean) * (u - mean);
            }
            sumOfVariances += variance / capacity;
        }
        return Math.sqrt(sumOfVariances / Resource.values().length);
    }
}
