package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.model.WhatIfCase;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers {@code fail}: for each failed host (each active host in turn for {@code any}), can its
 * VMs restart on the hosts left? The greedy placements of {@link Absorption} decide most hosts
 * in microseconds, first into the free room, then moving a few other VMs out of the way. A loss
 * they cannot absorb is checked against two necessary conditions, proof that no plan can help
 * when one fails: the VMs fit in the room left in total, and each fits on some host left were it
 * emptied of every VM that may move. Only a loss that passes both is given to the planner, which
 * may move any number of other VMs. For {@code any} the planner's runs share the run's time
 * limit (as many hosts as get a second each, the first in the snapshot's order, until the limit
 * has passed on the clock), so the whole case stays within minutes however many hosts need one.
 * Each loss says what decided it ({@link DecidedBy}).
 */
final class Failures {

    /** Each planner run gets at least this, however many hosts need one. */
    private static final Duration LEAST_SEARCH = Duration.ofSeconds(1);

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final SolverSettings settings;
    private final Function<SolverSettings, Planner> planners;
    private final WhatIfProgress progress;
    private final Clock clock;

    Failures(ClusterSnapshot snapshot, Policy policy, SolverSettings settings,
            Function<SolverSettings, Planner> planners, WhatIfProgress progress, Clock clock) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.settings = settings;
        this.planners = planners;
        this.progress = progress;
        this.clock = clock;
    }

    Answer.Fail answer(WhatIfCase.Fail question) {
        Absorption absorption = new Absorption(snapshot, policy, clock.instant());
        List<HostLoss> losses = question.any() ? eachAlone(absorption) : together(absorption, question.hosts());
        boolean ok = losses.stream().allMatch(HostLoss::absorbable);
        return new Answer.Fail(question.name(), Verdict.of(ok), question.any(), losses);
    }

    private List<HostLoss> eachAlone(Absorption absorption) {
        List<Host> hosts = snapshot.hosts().stream().filter(Host::isActive).toList();
        List<HostLoss> losses = new ArrayList<>();
        List<Integer> forPlanner = new ArrayList<>();
        int done = 0;
        for (Host host : hosts) {
            List<String> failed = List.of(host.name());
            Absorption.Attempt attempt = absorption.restartMovingOthers(failed);
            HostLoss loss = greedyLoss(absorption, failed, host.name(), attempt);
            if (!loss.absorbable()) {
                if (impossible(absorption, failed)) {
                    loss = loss.decidedBy(DecidedBy.PROOF);
                } else {
                    forPlanner.add(losses.size());
                }
            }
            losses.add(loss);
            progress.hostsDone(++done, hosts.size());
        }
        if (!forPlanner.isEmpty()) {
            // The planner's runs share the time limit, at least LEAST_SEARCH each, and stop once
            // it has passed: beyond that, the greedy verdict stands (it never calls a loss
            // absorbable wrongly).
            int runs = (int) Math.max(1, Math.min(forPlanner.size(), settings.timeLimit().toMillis() / LEAST_SEARCH.toMillis()));
            SolverSettings share = settings.withTimeLimit(settings.timeLimit().dividedBy(runs));
            Instant end = clock.instant().plus(settings.timeLimit());
            for (int index : forPlanner.subList(0, runs)) {
                if (!clock.instant().isBefore(end)) {
                    break;
                }
                HostLoss greedy = losses.get(index);
                losses.set(index, byPlanner(List.of(greedy.host()), share, absorption)
                        .getOrDefault(greedy.host(), greedy.decidedBy(DecidedBy.PLANNER)));
            }
        }
        return losses;
    }

    private List<HostLoss> together(Absorption absorption, List<String> failed) {
        Absorption.Attempt attempt = absorption.restartMovingOthers(failed);
        List<HostLoss> losses = new ArrayList<>();
        for (String host : failed) {
            losses.add(greedyLoss(absorption, failed, host, attempt));
        }
        if (attempt.stranded().isEmpty()) {
            return losses;
        }
        if (impossible(absorption, failed)) {
            return losses.stream().map(l -> l.absorbable() ? l : l.decidedBy(DecidedBy.PROOF)).toList();
        }
        Map<String, HostLoss> planned = byPlanner(failed, settings, absorption);
        return planned.isEmpty() ? losses.stream().map(l -> l.absorbable() ? l : l.decidedBy(DecidedBy.PLANNER)).toList()
                : failed.stream().map(planned::get).toList();
    }

    /** A host's loss as the greedy attempt saw it. */
    private static HostLoss greedyLoss(Absorption absorption, List<String> failed, String host,
            Absorption.Attempt attempt) {
        List<Vm> own = absorption.vmsOn(host);
        Set<String> names = new HashSet<>();
        own.forEach(vm -> names.add(vm.name()));
        List<Vm> stranded = attempt.stranded().stream().filter(vm -> names.contains(vm.name())).toList();
        Map<String, String> restarts = new LinkedHashMap<>();
        attempt.placed().forEach((vm, to) -> {
            if (names.contains(vm)) {
                restarts.put(vm, to);
            }
        });
        String shortOf = stranded.isEmpty() ? null : absorption.shortOf(failed, stranded);
        int othersMoved = stranded.isEmpty() ? attempt.moved().size() : 0;
        return new HostLoss(host, own.size(), stranded.isEmpty(), stranded.stream().map(Vm::name).sorted().toList(),
                shortOf, restarts, othersMoved, othersMoved > 0 ? attempt.moved() : Map.of(),
                othersMoved > 0 ? DecidedBy.MOVING_OTHERS : DecidedBy.GREEDY);
    }

    /** True when a necessary condition of any restart fails: no plan can absorb the loss. */
    private static boolean impossible(Absorption absorption, List<String> failed) {
        return !roomInTotal(absorption, failed) || absorption.fitsNowhereEmptied(failed) != null;
    }

    /** False when the VMs of the failed hosts outgrow the room left on all the others together: no plan can help. */
    private static boolean roomInTotal(Absorption absorption, Collection<String> failed) {
        Resources needed = Absorption.usageOf(failed.stream().flatMap(h -> absorption.vmsOn(h).stream()).toList());
        return needed.fitsWithin(absorption.freeRoom(failed));
    }

    /**
     * The planner's answer: the failed hosts gone, their VMs new ones to place, other VMs free
     * to move. Empty when it finds no way, so the greedy answer stands.
     */
    private Map<String, HostLoss> byPlanner(List<String> failed, SolverSettings budget, Absorption absorption) {
        Set<String> down = new HashSet<>(failed);
        List<Host> hosts = snapshot.hosts().stream().filter(h -> !down.contains(h.name())).toList();
        List<Vm> vms = snapshot.vms().stream()
                .map(vm -> vm.host() != null && down.contains(vm.host())
                        ? new Vm(vm.name(), null, vm.memoryMiB(), vm.vcpus(), vm.demand(), vm.dirtyRateMiBps(),
                                vm.storage(), vm.bridges(), false, vm.lastMigratedAt())
                        : vm)
                .toList();
        MigrationPlan plan;
        try {
            progress.planning();
            plan = planners.apply(budget).plan(new ClusterSnapshot(hosts, vms, snapshot.groups()), policy);
        } catch (NoFeasiblePlacementException e) {
            return Map.of();
        }
        if (!plan.summary().unresolved().isEmpty()) {
            return Map.of();
        }
        Map<String, HostLoss> losses = new LinkedHashMap<>();
        for (String host : failed) {
            Map<String, String> restarts = new LinkedHashMap<>();
            absorption.vmsOn(host).forEach(vm -> restarts.put(vm.name(), plan.placement().hostOf(vm.name())));
            losses.put(host, new HostLoss(host, restarts.size(), true, List.of(), null, restarts,
                    plan.summary().migrations(), Map.of(), DecidedBy.PLANNER));
        }
        return losses;
    }
}
