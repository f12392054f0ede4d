package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationPlan;
import java.util.Comparator;
import java.util.List;

/**
 * The standby hosts a plan may switch on when the hosts that are on have no room for what must
 * move, in the order they are tried: the largest first (memory, then CPU), so that as few as
 * possible are woken, then the one that idles on the fewest watts, then by name. A standby host
 * whose figures are stale is not tried: what it holds is not known.
 */
public final class Wakeable {

    private Wakeable() {
    }

    public static List<Host> hostsOf(ClusterSnapshot snapshot) {
        return snapshot.hosts().stream().filter(h -> h.state() == HostState.STANDBY && !h.isStale())
                .sorted(Comparator.comparingLong((Host h) -> -h.capacity().memoryMiB())
                        .thenComparingDouble(h -> -h.capacity().cpu())
                        .thenComparingDouble(Host::idleWatts)
                        .thenComparing(Host::name))
                .toList();
    }

    /** True when the plan leaves a rule broken that the cluster breaks now: a host over a limit, one not emptied. */
    static boolean leavesBreaches(MigrationPlan plan) {
        return plan.summary() != null && !plan.summary().unresolved().isEmpty();
    }
}
