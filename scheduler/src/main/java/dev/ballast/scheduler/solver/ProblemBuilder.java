package dev.ballast.scheduler.solver;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.rules.solver.MigrationCap;
import dev.ballast.rules.solver.PlanningGroup;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds the solver's problem from a snapshot, a policy and the goal's prices, starting from the
 * current placement.
 * Demands are rounded up and limits down to whole millicores and kb/s, so that what the solver
 * deems within limits is within them in exact figures too.
 */
public final class ProblemBuilder {

    private ProblemBuilder() {
    }

    public static ClusterPlacement build(ClusterSnapshot snapshot, Policy policy, Pricing prices) {
        return build(snapshot, policy, prices, snapshot.currentPlacement());
    }

    /**
     * The problem with the search starting from {@code start} instead of the current placement;
     * migrations are still priced from where each VM runs now.
     */
    public static ClusterPlacement build(ClusterSnapshot snapshot, Policy policy, Pricing prices,
            dev.ballast.model.Placement start) {
        Map<String, PlanningHost> hosts = new HashMap<>();
        for (Host host : snapshot.hosts()) {
            PlanningHost planningHost = planningHost(host, policy.limits(), prices)
                    .withHotSpot(prices.hotSpotFor(host));
            if (host.state() == HostState.STANDBY) {
                planningHost.asOff();
            }
            hosts.put(host.name(), host.isStale() ? planningHost.asStale() : planningHost);
        }
        List<PlanningVm> vms = snapshot.vms().stream()
                .map(vm -> planningVm(vm, prices, vm.host() == null ? null : hosts.get(vm.host())))
                .toList();
        List<PlanningGroup> groups = snapshot.groups().stream().map(ProblemBuilder::planningGroup).toList();
        int cap = policy.maxMigrations() == null ? Integer.MAX_VALUE : policy.maxMigrations();
        List<PlanningHost> hostList = snapshot.hosts().stream().map(h -> hosts.get(h.name())).toList();
        for (PlanningVm vm : vms) {
            PlanningHost startHost = hosts.get(start.hostOf(vm.getName()));
            // A VM on a host that must be emptied starts unplaced: the construction heuristic
            // then finds it a host first, largest first, instead of leaving it to chance moves.
            boolean mustLeave = startHost != null && !startHost.isActive() && !vm.isPinned();
            vm.setHost(mustLeave ? null : startHost);
        }
        return new ClusterPlacement(hostList, groups, new MigrationCap(cap), new java.util.ArrayList<>(vms));
    }

    private static PlanningHost planningHost(Host host, Limits limits, Pricing prices) {
        Resources limit = host.capacity().scaledBy(limits);
        return new PlanningHost(host.name(), host.isActive(), floorThousandths(limit.cpu()), limit.memoryMiB(),
                floorThousandths(limit.networkMbps()), host.storage(), host.bridges(), prices.forHost(host));
    }

    private static PlanningVm planningVm(Vm vm, Pricing prices, PlanningHost host) {
        return new PlanningVm(vm.name(), ceilThousandths(vm.demand().cpu()), vm.memoryMiB(),
                ceilThousandths(vm.demand().networkMbps()), vm.storage(), vm.bridges(), vm.pinned(),
                prices.migrationOf(vm), host);
    }

    private static PlanningGroup planningGroup(Group group) {
        return new PlanningGroup(group.name(), group.rule() == GroupRule.AFFINITY, new HashSet<>(group.vms()));
    }

    /** The mean capacity of the active hosts (of all hosts when none is active): the scale of the goals' prices. */
    public static Resources meanActiveCapacity(ClusterSnapshot snapshot) {
        List<Host> active = snapshot.hosts().stream().filter(Host::isActive).toList();
        List<Host> basis = active.isEmpty() ? snapshot.hosts() : active;
        Resources total = basis.stream().map(Host::capacity).reduce(Resources.ZERO, Resources::plus);
        int n = basis.size();
        return new Resources(total.cpu() / n, total.memoryMiB() / n, total.networkMbps() / n);
    }

    static long floorThousandths(double value) {
        return (long) Math.floor(value * 1000 + 1e-6);
    }

    static long ceilThousandths(double value) {
        return (long) Math.ceil(value * 1000 - 1e-6);
    }
}
