package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Goal;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Utilisation;

import java.util.Locale;
import java.util.Optional;

/**
 * What a plan buys, in the policy's own terms, against the least it must buy to be worth its
 * migrations: idle watts switched off when consolidating, points off the imbalance when
 * balancing.
 */
final class Gain {

    private Gain() {
    }

    /** Why the plan is not worth running, or empty when it gains enough. */
    static Optional<String> tooSmall(ClusterSnapshot snapshot, Policy policy, Placement target) {
        Placement current = snapshot.currentPlacement();
        if (policy.goal() == Goal.CONSOLIDATE) {
            double watts = idleWatts(snapshot, current) - idleWatts(snapshot, target);
            double least = policy.minImprovement().watts();
            return watts >= least && watts > 0 ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                    "the plan switches off %.0f W, under the policy's minImprovement of %.0f W", watts, least));
        }
        double points = 100 * (imbalance(snapshot, current) - imbalance(snapshot, target));
        double least = policy.minImprovement().points();
        return points >= least && points > 0 ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "the plan takes %.1f points off the imbalance, under the policy's minImprovement of %.1f",
                points, least));
    }

    /** The largest gap between the hottest active host's utilisation and the mean, over the resources. */
    static double imbalance(ClusterSnapshot snapshot, Placement placement) {
        double worst = 0;
        for (Resource resource : Resource.values()) {
            Utilisation u = Utilisation.of(snapshot, placement, resource);
            worst = Math.max(worst, u.max() - u.mean());
        }
        return worst;
    }

    private static double idleWatts(ClusterSnapshot snapshot, Placement placement) {
        return placement.usedHosts().stream().mapToDouble(h -> snapshot.host(h).orElseThrow().idleWatts()).sum();
    }
}
