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
 * @param estimatedSeconds   the steps' estimated durations added up, as they run one at a time
 * @param detours            temporary steps taken to break cycles
 * @param dropped            moves left out of the plan, with the reason
 * @param efficacy           what the policy's goal says the plan achieves, in its own terms
 *                           (hosts freed, imbalance before and after); empty when not given
 * @param unresolved         hard rules the cluster breaks now that the plan leaves broken, each
 *                           with why; empty when the plan ends with every rule kept
 * @param afterEachStep      the figures once each step has run, one per step in order: what the
 *                           plan has bought if it stops there; empty when not given
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
        double gibToMove,
        double estimatedSeconds,
        int detours,
        List<DroppedMove> dropped,
        List<Figure> efficacy,
        List<Unresolved> unresolved,
        List<AfterStep> afterEachStep) {

    /** One resource's utilisation before and after the plan. */
    public record Change(Utilisation before, Utilisation after) {
    }

    public PlanSummary {
        utilisation = Map.copyOf(utilisation);
        dropped = List.copyOf(dropped);
        efficacy = List.copyOf(efficacy);
        unresolved = List.copyOf(unresolved);
        afterEachStep = List.copyOf(afterEachStep);
    }

    /** The figures without the goal's efficacy figures. */
    public PlanSummary(int hostsUsedBefore, int hostsUsedAfter, double powerOnBeforeWatts, double powerOnAfterWatts,
            double powerSavedWatts, Map<Resource, Change> utilisation, int migrations, int newVmsPlaced,
            double gibToMove, double estimatedSeconds, int detours, List<DroppedMove> dropped) {
        this(hostsUsedBefore, hostsUsedAfter, powerOnBeforeWatts, powerOnAfterWatts, powerSavedWatts, utilisation,
                migrations, newVmsPlaced, gibToMove, estimatedSeconds, detours, dropped, List.of(), List.of(), List.of());
    }

    /** The figures without those after each step. */
    public PlanSummary(int hostsUsedBefore, int hostsUsedAfter, double powerOnBeforeWatts, double powerOnAfterWatts,
            double powerSavedWatts, Map<Resource, Change> utilisation, int migrations, int newVmsPlaced,
            double gibToMove, double estimatedSeconds, int detours, List<DroppedMove> dropped, List<Figure> efficacy) {
        this(hostsUsedBefore, hostsUsedAfter, powerOnBeforeWatts, powerOnAfterWatts, powerSavedWatts, utilisation,
                migrations, newVmsPlaced, gibToMove, estimatedSeconds, detours, dropped, efficacy, List.of(), List.of());
    }

    /** The same figures with the goal's own. */
    public PlanSummary withEfficacy(List<Figure> figures) {
        return new PlanSummary(hostsUsedBefore, hostsUsedAfter, powerOnBeforeWatts, powerOnAfterWatts,
                powerSavedWatts, utilisation, migrations, newVmsPlaced, gibToMove, estimatedSeconds, detours, dropped,
                figures, unresolved, afterEachStep);
    }

    /** The same figures with the breaches the plan leaves. */
    public PlanSummary withUnresolved(List<Unresolved> left) {
        return new PlanSummary(hostsUsedBefore, hostsUsedAfter, powerOnBeforeWatts, powerOnAfterWatts,
                powerSavedWatts, utilisation, migrations, newVmsPlaced, gibToMove, estimatedSeconds, detours, dropped,
                efficacy, left, afterEachStep);
    }

    /** The figures of moving a cluster from its current placement to {@code target}. */
    public static PlanSummary of(ClusterSnapshot snapshot, Placement target, List<? extends Step> steps) {
        return of(snapshot, target, steps, List.of());
    }

    /** The figures of a plan whose steps reach {@code target}, having dropped some moves. */
    public static PlanSummary of(ClusterSnapshot snapshot, Placement target, List<? extends Step> steps,
            List<DroppedMove> dropped) {
        Placement current = snapshot.currentPlacement();
        Map<Resource, Change> utilisation = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            utilisation.put(resource, new Change(
                    Utilisation.of(snapshot, current, resource), Utilisation.of(snapshot, target, resource)));
        }
        double powerBefore = idleWattsOf(snapshot, current.usedHosts());
        double powerAfter = idleWattsOf(snapshot, target.usedHosts());
        List<Migration> moves = steps.stream().filter(Migration.class::isInstance).map(Migration.class::cast).toList();
        long migratedMiB = moves.stream().mapToLong(s -> snapshot.vm(s.vm()).orElseThrow().memoryMiB()).sum();
        int migrations = moves.size();
        int started = (int) steps.stream().filter(StartVm.class::isInstance).count();
        double seconds = moves.stream().filter(s -> s.estimate() != null).mapToDouble(s -> s.estimate().seconds()).sum();
        int detours = (int) moves.stream().filter(Migration::detour).count();
        return new PlanSummary(current.usedHosts().size(), target.usedHosts().size(),
                powerBefore, powerAfter, powerBefore - powerAfter, utilisation,
                migrations, started, migratedMiB / 1024.0, seconds, detours, dropped, List.of(), List.of(),
                AfterStep.replay(snapshot, steps));
    }

    private static double idleWattsOf(ClusterSnapshot snapshot, Set<String> hostNames) {
        return hostNames.stream().mapToDouble(n -> snapshot.host(n).orElseThrow().idleWatts()).sum();
    }
}
