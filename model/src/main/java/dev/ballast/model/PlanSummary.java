package dev.ballast.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan's efficacy figures: what it buys (hosts and watts freed, a flatter load) and what it
 * costs (migrations, memory to move).
 *
 * @param hostsUsedBefore    hosts holding at least one VM now
 * @param powerOnBeforeWatts idle watts of the hosts holding VMs now
 * @param utilisation        per resource, over the active hosts, before and after
 * @param gibToMove          memory of the migrated VMs, in GiB
 */
public record PlanSummary(
        int hostsUsedBefore,
        int hostsUsedAfter,
        double powerOnBeforeWatts,
        double powerOnAfterWatts,
        double powerSavedWatts,
        Map<Resource, Change> utilisation,
        int migrations,
        int newVmsPlaced,
        double gibToMove) {

    /** One resource's utilisation before and after the plan. */
    public record Change(Utilisation before, Utilisation after) {
    }

    public PlanSummary {
        utilisation = Map.copyOf(utilisation);
    }

    /** The figures of moving a cluster from its current placement to {@code target}. */
    public static PlanSummary of(ClusterSnapshot snapshot, Placement target, List<Migration> steps) {
        Placement current = snapshot.currentPlacement();
        Map<Resource, Change> utilisation = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            utilisation.put(resource, new Change(
                    Utilisation.of(snapshot, current, resource), Utilisation.of(snapshot, target, resource)));
        }
        double powerBefore = idleWattsOf(snapshot, current.usedHosts());
        double powerAfter = idleWattsOf(snapshot, target.usedHosts());
        long migratedMiB = steps.stream().filter(s -> !s.placesNewVm())
                .mapToLong(s -> snapshot.vm(s.vm()).orElseThrow().memoryMiB()).sum();
        int migrations = (int) steps.stream().filter(s -> !s.placesNewVm()).count();
        return new PlanSummary(current.usedHosts().size(), target.usedHosts().size(),
                powerBefore, powerAfter, powerBefore - powerAfter, utilisation,
                migrations, steps.size() - migrations, migratedMiB / 1024.0);
    }

    private static double idleWattsOf(ClusterSnapshot snapshot, Set<String> hostNames) {
        return hostNames.stream().mapToDouble(n -> snapshot.host(n).orElseThrow().idleWatts()).sum();
    }
}
