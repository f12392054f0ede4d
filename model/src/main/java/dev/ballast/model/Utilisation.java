package dev.ballast.model;

import java.util.List;
import java.util.Map;

/**
 * How one resource is used over the active hosts: the highest and mean fraction of capacity in
 * use, and the standard deviation of that fraction (0 when perfectly even).
 */
public record Utilisation(double max, double mean, double stdDev) {

    /** The utilisation of one resource over the active hosts of a snapshot under a placement. */
    public static Utilisation of(ClusterSnapshot snapshot, Placement placement, Resource resource) {
        Map<String, Resources> load = placement.loadByHost(snapshot);
        List<Double> fractions = snapshot.hosts().stream()
                .filter(Host::isActive)
                .map(h -> load.getOrDefault(h.name(), Resources.ZERO).get(resource) / h.capacity().get(resource))
                .toList();
        if (fractions.isEmpty()) {
            return new Utilisation(0, 0, 0);
        }
        double mean = fractions.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double max = fractions.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double variance = fractions.stream().mapToDouble(f -> (f - mean) * (f - mean)).average().orElse(0);
        return new Utilisation(max, mean, Math.sqrt(variance));
    }
}
