package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
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

    /**
     * How many of {@code wakeable}, taken in order, must be on at least for the hosts on to hold
     * the cluster's whole load within the policy's limits: fewer cannot keep every limit, so the
     * planner starts there rather than searching once per host. At least 1; all of them when even
     * that is not enough.
     */
    static int atLeast(ClusterSnapshot snapshot, Policy policy, List<Host> wakeable) {
        Resources load = snapshot.currentPlacement().loadByHost(snapshot).values().stream()
                .reduce(Resources.ZERO, Resources::plus);
        for (Vm vm : snapshot.vms()) {
            if (vm.isNew()) {
                load = load.plus(vm.usage());
            }
        }
        Resources room = snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale())
                .map(h -> h.capacity().scaledBy(policy.limits())).reduce(Resources.ZERO, Resources::plus);
        int n = 0;
        while (n < wakeable.size() && !load.fitsWithin(room)) {
            room = room.plus(wakeable.get(n).capacity().scaledBy(policy.limits()));
            n++;
        }
        return Math.max(1, n);
    }

    /** True when the plan leaves a rule broken that the cluster breaks now: a host over a limit, one not emptied. */
    static boolean leavesBreaches(MigrationPlan plan) {
        return plan.summary() != null && !plan.summary().unresolved().isEmpty();
    }
}
