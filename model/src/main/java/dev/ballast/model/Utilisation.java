package dev.ballast.model;

import java.util.List;
import java.util.Map;

/**
 * How one resource is used over the active hosts: the highest fraction of a host's capacity in
 * use, the cluster's mean (all load over all active capacity: the fraction every host would run
 * at if the load were perfectly even, and what balancing aims at), and the standard deviation of
 * the hosts' fractions around that mean (0 when perfectly even).
 */
public record Utilisation(double max, double mean, double stdDev) {

    /** The utilisation of one resource over the active hosts of a snapshot under a placement. */
    public static Utilisation of(ClusterSnapshot snapshot, Placement placement, Resource resource) {
        Map<String, Resources> load = placement.loadByHost(snapshot);
        List<Host> active = snapshot.hosts().stream().filter(Host::isActive).toList();
        List<Double> fractions = active.stream()
                .map(h -> load.getOrDefault(h.name(), Resources.ZERO).get(resource) / h.capacity().get(resource))
                .toList();
        if (fractions.isEmpty()) {
            return new Utilisation(0, 0, 0);
        }
        double used = active.stream().mapToDouble(h -> load.getOrDefault(h.name(), Resources.ZERO).get(resource)).sum();
        double capacity = active.stream().mapToDouble(h -> h.capacity().get(resource)).sum();
        double mean = capacity > 0 ? used / capacity : 0;
        double max = fractions.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double variance = fractions.stream().mapToDouble(f -> (f - mean) * (f - mean)).average().orElse(0);
        return new Utilisation(max, mean, Math.sqrt(variance));
    }
}
