package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;
import dev.ballast.model.Resource;
import dev.ballast.model.Utilisation;

/**
 * Balance's measure of a placement: the largest gap between the hottest active host's
 * utilisation and the mean, over the resources. What {@code minImprovement.points} asks a plan
 * to take off.
 */
final class Imbalance {

    private Imbalance() {
    }

    /** As a fraction: 0.31 is 31 points. */
    static double of(ClusterSnapshot snapshot, Placement placement) {
        double worst = 0;
        for (Resource resource : Resource.values()) {
            Utilisation u = Utilisation.of(snapshot, placement, resource);
            worst = Math.max(worst, u.max() - u.mean());
        }
        return worst;
    }
}
