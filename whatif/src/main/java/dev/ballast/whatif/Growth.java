package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.model.WhatIfCase;
import dev.ballast.scheduler.FirstFitDecreasing;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers {@code grow} and {@code add}: the changed cluster is planned as it is; when it does not
 * fit, standby hosts are switched on, the largest first, as few as first fit decreasing needs
 * (found by halving), and it is planned again. Two plans at most, however many standby hosts.
 */
final class Growth {

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final Planner planner;
    private final WhatIfProgress progress;

    Growth(ClusterSnapshot snapshot, Policy policy, Planner planner, WhatIfProgress progress) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.planner = planner;
        this.progress = progress;
    }

    Answer.Fit grow(WhatIfCase.Grow question) {
        List<Vm> vms = snapshot.vms().stream().map(vm -> new Vm(vm.name(), vm.host(),
                (long) Math.ceil(vm.memoryMiB() * question.memory()), vm.vcpus(),
                new Demand(vm.demand().cpu() * question.cpu(), vm.demand().networkMbps() * question.network()),
                vm.dirtyRateMiBps(), vm.storage(), vm.bridges(), vm.pinned(), vm.lastMigratedAt())).toList();
        return fit(question.name(), "grow", new ClusterSnapshot(snapshot.hosts(), vms, snapshot.groups()));
    }

    Answer.Fit add(WhatIfCase.Add question) {
        Set<String> taken = new HashSet<>(snapshot.vmsByName().keySet());
        List<Vm> vms = new ArrayList<>(snapshot.vms());
        String prefix = question.name();
        while (taken.contains(prefix + "-1") || taken.contains(String.format(Locale.ROOT, "%s-%03d", prefix, 1))) {
            prefix = "new-" + prefix;
        }
        for (int i = 1; i <= question.count(); i++) {
            vms.add(question.vm().newVm(String.format(Locale.ROOT, "%s-%03d", prefix, i)));
        }
        return fit(question.name(), "add", new ClusterSnapshot(snapshot.hosts(), vms, snapshot.groups()));
    }

    private Answer.Fit fit(String name, String kind, ClusterSnapshot changed) {
        Attempt asIs = plan(changed);
        if (asIs.fits()) {
            // A policy whose goal wakes standby hosts (relieve, balance) may have switched some on itself.
            return new Answer.Fit(name, Verdict.OK, kind, true, wokenBy(asIs.plan()), PlanFigures.of(asIs.plan()),
                    asIs.plan(), List.of(), changed);
        }
        List<String> standby = standbyLargestFirst(changed);
        if (standby.isEmpty()) {
            return notFit(name, kind, List.of(), asIs, changed);
        }
        int on = fewestToSwitchOn(changed, standby);
        List<String> switched = standby.subList(0, on);
        ClusterSnapshot switchedOn = switchOn(changed, switched);
        Attempt withMore = plan(switchedOn);
        if (!withMore.fits()) {
            return notFit(name, kind, switched, withMore, switchedOn);
        }
        return new Answer.Fit(name, Verdict.OK, kind, true, switched, PlanFigures.of(withMore.plan()),
                withMore.plan(), List.of(), switchedOn);
    }

    private static List<String> wokenBy(MigrationPlan plan) {
        return plan.steps().stream().filter(PowerOn.class::isInstance).map(step -> ((PowerOn) step).host()).toList();
    }

    private static Answer.Fit notFit(String name, String kind, List<String> switched, Attempt attempt,
            ClusterSnapshot changed) {
        return new Answer.Fit(name, Verdict.NOT_OK, kind, false, switched,
                attempt.plan() == null ? null : PlanFigures.of(attempt.plan()), attempt.plan(), attempt.reasons(),
                changed);
    }

    /** A plan and whether it ends with every rule kept; or no plan and the reasons. */
    private record Attempt(MigrationPlan plan, List<String> reasons) {
        boolean fits() {
            return plan != null && reasons.isEmpty();
        }
    }

    private Attempt plan(ClusterSnapshot changed) {
        try {
            progress.planning();
            MigrationPlan plan = planner.plan(changed, policy);
            return new Attempt(plan, plan.summary().unresolved().stream().map(Object::toString).toList());
        } catch (NoFeasiblePlacementException e) {
            return new Attempt(null, e.reasons());
        }
    }

    /**
     * The fewest of the standby hosts (in the order given) first fit decreasing needs on; all of
     * them when it fits with none. More hosts only add room, so halving finds the edge.
     */
    private int fewestToSwitchOn(ClusterSnapshot changed, List<String> standby) {
        int low = 1;
        int high = standby.size();
        while (low < high) {
            int middle = (low + high) / 2;
            if (FirstFitDecreasing.place(switchOn(changed, standby.subList(0, middle)), policy).isPresent()) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return high;
    }

    private List<String> standbyLargestFirst(ClusterSnapshot changed) {
        return changed.hosts().stream().filter(h -> h.state() == HostState.STANDBY && !h.isStale())
                .sorted(Comparator.comparingDouble((Host h) -> size(h.capacity())).reversed()
                        .thenComparing(Host::name))
                .map(Host::name).toList();
    }

    private static double size(Resources capacity) {
        return capacity.get(Resource.MEMORY) / 1024.0 + capacity.get(Resource.CPU);
    }

    private static ClusterSnapshot switchOn(ClusterSnapshot changed, List<String> hosts) {
        ClusterSnapshot on = changed;
        for (String host : hosts) {
            on = on.withHostState(host, HostState.ACTIVE);
        }
        return on;
    }
}
