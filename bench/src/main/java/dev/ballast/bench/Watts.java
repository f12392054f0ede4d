package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;

/** The idle watts a placement keeps on (for cloudbalancing, the data set's cost). */
final class Watts {

    private Watts() {
    }

    static double keptOn(ClusterSnapshot snapshot, Placement placement) {
        return placement.usedHosts().stream().mapToDouble(h -> snapshot.host(h).orElseThrow().idleWatts()).sum();
    }
}
