package dev.ballast.service.jobs;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Limits;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far each active host is over its limits: the largest, over the resources, of its load's
 * fraction of capacity minus the policy's limit (0.93 of CPU used under a 0.85 limit: 0.08;
 * negative when under every limit). The same bound as the capacity rule: capacity times limit.
 */
public final class Excess {

    private Excess() {
    }

    public static Map<String, Double> of(ClusterSnapshot snapshot, Limits limits) {
        Map<String, Resources> load = snapshot.currentPlacement().loadByHost(snapshot);
        Map<String, Double> excess = new LinkedHashMap<>();
        for (Host host : snapshot.hosts()) {
            if (!host.isActive()) {
                continue;
            }
            double worst = Double.NEGATIVE_INFINITY;
            for (Resource resource : Resource.values()) {
                double capacity = host.capacity().get(resource);
                if (capacity <= 0) {
                    continue;
                }
                double used = load.getOrDefault(host.name(), Resources.ZERO).get(resource) / capacity;
                worst = Math.max(worst, used - limits.get(resource));
            }
            if (worst != Double.NEGATIVE_INFINITY) {
                excess.put(host.name(), worst);
            }
        }
        return excess;
    }
}
