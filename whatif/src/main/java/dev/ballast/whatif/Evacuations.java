package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.model.WhatIfCase;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers {@code maintenance}: the plan that empties the hosts, its estimated time, and whether
 * they can go together. When they cannot, the hosts are put in groups, first fit: a host joins
 * the first group whose VMs, with its own, restart greedily on the hosts left ({@link Absorption},
 * which moves no other VM, so the groups are on the safe side); each group then gets its own
 * evacuation plan, and the groups go one after another.
 */
final class Evacuations {

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final Planner planner;
    private final WhatIfProgress progress;

    Evacuations(ClusterSnapshot snapshot, Policy policy, Planner planner, WhatIfProgress progress) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.planner = planner;
        this.progress = progress;
    }

    Answer.Maintenance answer(WhatIfCase.Maintenance question) {
        List<String> hosts = question.hosts();
        Outcome all = evacuate(hosts);
        if (all.plan() != null) {
            PlanFigures figures = PlanFigures.of(all.plan());
            return new Answer.Maintenance(question.name(), Verdict.OK, hosts, true, List.of(hosts), List.of(),
                    List.of(figures), figures.estimatedSeconds(), all.plan(), List.of());
        }
        Absorption absorption = new Absorption(snapshot, policy);
        List<List<String>> groups = new ArrayList<>();
        List<String> cannotGo = new ArrayList<>();
        for (String host : hosts) {
            if (absorption.vmsOn(host).stream().anyMatch(Vm::pinned)) {
                cannotGo.add(host);
                continue;
            }
            List<String> joined = null;
            for (List<String> group : groups) {
                List<String> with = new ArrayList<>(group);
                with.add(host);
                if (absorption.restart(with).stranded().isEmpty()) {
                    joined = group;
                    break;
                }
            }
            if (joined != null) {
                joined.add(host);
            } else {
                groups.add(new ArrayList<>(List.of(host)));
            }
        }
        List<PlanFigures> plans = new ArrayList<>();
        List<List<String>> planned = new ArrayList<>();
        List<String> reasons = new ArrayList<>(all.reasons());
        MigrationPlan first = null;
        double seconds = 0;
        for (List<String> group : groups) {
            // A group of all the hosts was planned above already.
            Outcome outcome = group.size() == hosts.size() ? all : evacuate(group);
            if (outcome.plan() == null) {
                cannotGo.addAll(group);
                if (outcome != all) {
                    outcome.reasons().forEach(r -> reasons.add(String.join(", ", group) + ": " + r));
                }
                continue;
            }
            planned.add(group);
            plans.add(PlanFigures.of(outcome.plan()));
            seconds += outcome.plan().summary().estimatedSeconds();
            first = first == null ? outcome.plan() : first;
        }
        return new Answer.Maintenance(question.name(), Verdict.NOT_OK, hosts, false, planned, cannotGo, plans,
                seconds, first, reasons);
    }

    /** The plan emptying the hosts, or null with the reasons it could not be made. */
    private record Outcome(MigrationPlan plan, List<String> reasons) {
    }

    private Outcome evacuate(Collection<String> hosts) {
        ClusterSnapshot inMaintenance = snapshot;
        for (String host : hosts) {
            inMaintenance = inMaintenance.withHostState(host, HostState.MAINTENANCE);
        }
        try {
            progress.planning();
            MigrationPlan plan = planner.plan(inMaintenance, policy);
            Set<String> left = new HashSet<>();
            plan.placement().hostOfVm().forEach((vm, host) -> {
                if (hosts.contains(host)) {
                    left.add(vm);
                }
            });
            if (!left.isEmpty()) {
                return new Outcome(null, List.of(left.size() + " VM(s) would stay: "
                        + plan.summary().unresolved().stream().map(Object::toString).limit(3).toList()));
            }
            return new Outcome(plan, List.of());
        } catch (NoFeasiblePlacementException e) {
            return new Outcome(null, e.reasons());
        }
    }
}
