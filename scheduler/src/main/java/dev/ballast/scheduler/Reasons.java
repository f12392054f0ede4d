package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.Policy;
import dev.ballast.model.Placement;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Reason;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import dev.ballast.rules.ClusterState;
import dev.ballast.scheduler.goals.Objective;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a reason on every step of a plan, by replaying the plan and reading what each step
 * changes: first the rules it serves (a host in maintenance left, a host over a limit relieved, a
 * new VM started, a detour that frees room), then what it buys (a host emptied and switched off,
 * a host drained, room freed for a later move, load evened out between two hosts), and, when none
 * of these, the goal's own measure before and after. The goal words the reason if it will
 * ({@link Objective#reason}); the generic words are {@link Reason#of}'s. Every figure a reason
 * quotes is the replay's, just before and just after the step.
 */
final class Reasons {

    private static final Logger log = LoggerFactory.getLogger(Reasons.class);

    /** Shares a hair above a limit are sums' rounding, not a breach (as the reports have it). */
    private static final double OVER_LIMIT_SLACK = 1e-9;
    /** Later arrivals a move is checked to make room for: a receiving host's next few, not all. */
    private static final int ARRIVALS_LOOKED_AT = 8;
    /**
     * VMs visited measuring the goal before and after steps, over a plan: a measure is two copies
     * of the placement and a pass over the cluster, so 50 steps of a 10,000-VM cluster are
     * measured and 10 of a 50,000-VM one, and the others quoted without figures. With 40 of them,
     * the reasons of a repacking of 50,000 VMs took 7 s (2 cores, busy).
     */
    private static final long MEASURE_BUDGET = 500_000;

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final Objective objective;
    private final List<? extends Step> steps;
    private final ClusterState state;
    private final Map<String, Integer> vmCount = new HashMap<>();
    /** Per resource, the load on the active hosts and their capacity: the cluster's mean share. */
    private final double[] activeLoad = new double[Resource.values().length];
    private final double[] activeCapacity = new double[Resource.values().length];
    private final Set<String> emptyAtEnd = new HashSet<>();
    private final Set<String> usedBefore;
    private final Map<String, Integer> powerOffStep = new HashMap<>();
    private final Map<String, List<Integer>> arrivals = new HashMap<>();
    private final Set<String> onDetour = new HashSet<>();
    private int measured;

    private Reasons(ClusterSnapshot snapshot, Policy policy, Objective objective, List<? extends Step> steps) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.objective = objective;
        this.steps = steps;
        this.state = ClusterState.current(snapshot, policy);
        this.usedBefore = snapshot.currentPlacement().usedHosts();
        snapshot.currentPlacement().hostOfVm().values().forEach(h -> vmCount.merge(h, 1, Integer::sum));
        Map<String, Resources> load = snapshot.currentPlacement().loadByHost(snapshot);
        for (Host host : snapshot.hosts()) {
            if (host.isActive()) {
                for (Resource resource : Resource.values()) {
                    activeLoad[resource.ordinal()] += load.getOrDefault(host.name(), Resources.ZERO).get(resource);
                    activeCapacity[resource.ordinal()] += host.capacity().get(resource);
                }
            }
        }
        lookAhead();
    }

    /** The steps, each with its reason. */
    static List<Step> attach(ClusterSnapshot snapshot, Policy policy, Objective objective,
            List<? extends Step> steps) {
        long started = System.nanoTime();
        List<Step> explained = new Reasons(snapshot, policy, objective, steps).run();
        log.info("policy {}: reasons for {} steps in {} ms", policy.name(), steps.size(),
                (System.nanoTime() - started) / 1_000_000);
        return explained;
    }

    /** What the reasons point ahead to: hosts empty at the end, power-offs, each host's arrivals. */
    private void lookAhead() {
        Map<String, Integer> count = new HashMap<>(vmCount);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step instanceof VmStep move) {
                if (move.from() != null) {
                    count.merge(move.from(), -1, Integer::sum);
                }
                count.merge(move.to(), 1, Integer::sum);
                arrivals.computeIfAbsent(move.to(), h -> new ArrayList<>()).add(i);
            } else if (step instanceof PowerOff off) {
                powerOffStep.put(off.host(), i + 1);
            }
        }
        count.forEach((host, vms) -> {
            if (vms == 0) {
                emptyAtEnd.add(host);
            }
        });
    }

    private List<Step> run() {
        List<Step> explained = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<Term> terms = step instanceof VmStep move ? termsOf(move, i) : termsOf(step);
            String text = objective.reason(terms).orElseGet(() -> Reason.of(terms).text());
            explained.add(step.withReason(new Reason(text, terms)));
            if (step instanceof VmStep move) {
                account(move);
            }
            step.applyTo(state);
        }
        return explained;
    }

    private List<Term> termsOf(Step power) {
        Host host = host(power.host());
        if (power instanceof PowerOn) {
            return List.of(Term.powersOn(host.name()));
        }
        return List.of(Term.powersOff(host.name(), wattsOf(host)));
    }

    /** The terms of the VM step at index {@code i}, in the state just before it. */
    private List<Term> termsOf(VmStep move, int i) {
        List<Term> terms = new ArrayList<>();
        Vm vm = snapshot.vmsByName().get(move.vm());
        if (move instanceof StartVm) {
            terms.add(Term.starts(move.to(), move.vm()));
        }
        if (move instanceof Migration && onDetour.remove(move.vm())) {
            terms.add(Term.movesOn(move.to()));
        }
        if (move instanceof Migration migration && migration.detour()) {
            onDetour.add(move.vm());
            int next = nextArrival(move.from(), i);
            terms.add(Term.detour(move.from(), next < 0 ? null : vmOf(next), next < 0 ? null : next + 1));
        }
        if (move.from() != null) {
            boolean earned = !terms.isEmpty();
            earned |= sourceTerms(move, vm, terms);
            if (!earned) {
                goalTerms(move, i, vm, terms);
            }
        }
        return terms;
    }

    /**
     * The terms the step's source earns: a host to be emptied left, a host over a limit relieved,
     * a host emptied or drained. True when any.
     */
    private boolean sourceTerms(VmStep move, Vm vm, List<Term> terms) {
        Host source = host(move.from());
        HostState sourceState = state.stateOf(source.name());
        Resources before = state.loadOf(source.name());
        Resources after = before.minus(vm.usage());
        int left = vmCount.getOrDefault(source.name(), 0) - 1;
        int size = terms.size();
        if (sourceState != HostState.ACTIVE) {
            terms.add(Term.evacuates(source.name(), sourceState, left));
        } else {
            for (Resource resource : Resource.values()) {
                double limit = policy.limits().get(resource);
                double share = share(source, before, resource);
                if (share > limit + OVER_LIMIT_SLACK) {
                    terms.add(Term.relieves(source.name(), resource, share, share(source, after, resource), limit));
                }
            }
        }
        Integer off = powerOffStep.get(source.name());
        // A host that held nothing before the plan (a detour's stop) is no achievement to empty.
        boolean emptied = left == 0
                && (off != null || sourceState == HostState.ACTIVE && usedBefore.contains(source.name()));
        if (emptied) {
            terms.add(Term.empties(source.name(), off == null ? null : wattsOf(source), off));
        } else if (left > 0 && emptyAtEnd.contains(source.name()) && sourceState == HostState.ACTIVE) {
            terms.add(Term.drains(source.name(), left));
        }
        return terms.size() > size;
    }

    /**
     * What a move earns when no rule asks for it: room freed for a VM that comes later, load
     * evened out between its two hosts, or else the goal's measure before and after.
     */
    private void goalTerms(VmStep move, int i, Vm vm, List<Term> terms) {
        Host source = host(move.from());
        Host destination = host(move.to());
        Resources sourceBefore = state.loadOf(source.name());
        Resources destinationBefore = state.loadOf(destination.name());
        double[] mean = means();
        int waiting = arrivalItMakesRoomFor(source, sourceBefore, vm, i);
        if (waiting >= 0) {
            terms.add(Term.freesRoom(source.name(), vmOf(waiting), waiting + 1));
            return;
        }
        Resources sourceAfter = sourceBefore.minus(vm.usage());
        Resources destinationAfter = destinationBefore.plus(vm.usage());
        Resource widest = widestGap(source, sourceBefore, mean);
        if (widest != null && source.isActive() && destination.isActive()) {
            double srcBefore = share(source, sourceBefore, widest);
            double srcAfter = share(source, sourceAfter, widest);
            double dstBefore = share(destination, destinationBefore, widest);
            double dstAfter = share(destination, destinationAfter, widest);
            if (Math.abs(srcAfter - dstAfter) < Math.abs(srcBefore - dstBefore) && srcBefore > dstBefore) {
                terms.add(Term.evens(source.name(), widest, srcBefore, srcAfter, mean[widest.ordinal()]));
                terms.add(Term.evens(destination.name(), widest, dstBefore, dstAfter, mean[widest.ordinal()]));
                return;
            }
        }
        // A move that neither a rule, nor a drain, nor the room or balance it makes explains: a few
        // in a hundred, a fifth of a full repacking's. Measuring takes a pass over the cluster.
        if (++measured * Math.max(1, snapshot.vms().size()) <= MEASURE_BUDGET) {
            Placement before = state.placement();
            terms.add(Term.goal(objective.measure(before), objective.measure(before.with(move.vm(), move.to()))));
        } else {
            terms.add(Term.goal(null, null));
        }
    }

    /**
     * The first of the next few steps onto the host whose VM, by capacity, does not fit there
     * before this move and does after it; -1 when none.
     */
    private int arrivalItMakesRoomFor(Host host, Resources before, Vm leaving, int i) {
        Resources limit = host.capacity().scaledBy(policy.limits());
        Resources after = before.minus(leaving.usage());
        List<Integer> onto = arrivals.getOrDefault(host.name(), List.of());
        int from = firstAfter(onto, i);
        for (int k = from; k < onto.size() && k < from + ARRIVALS_LOOKED_AT; k++) {
            Resources usage = snapshot.vmsByName().get(vmOf(onto.get(k))).usage();
            if (!before.plus(usage).fitsWithin(limit) && after.plus(usage).fitsWithin(limit)) {
                return onto.get(k);
            }
        }
        return -1;
    }

    /** The resource in which the host runs furthest above the cluster's mean; null when below it in all. */
    private Resource widestGap(Host host, Resources load, double[] mean) {
        Resource widest = null;
        double gap = 0;
        for (Resource resource : Resource.values()) {
            double above = share(host, load, resource) - mean[resource.ordinal()];
            if (above > gap) {
                gap = above;
                widest = resource;
            }
        }
        return widest;
    }

    /** The cluster's mean share of each resource now: the load on the active hosts over their capacity. */
    private double[] means() {
        double[] mean = new double[Resource.values().length];
        for (int r = 0; r < mean.length; r++) {
            mean[r] = activeCapacity[r] > 0 ? activeLoad[r] / activeCapacity[r] : 0;
        }
        return mean;
    }

    /** Keeps the load on the active hosts up to date as a VM step runs. */
    private void account(VmStep move) {
        Resources usage = snapshot.vmsByName().get(move.vm()).usage();
        if (move.from() != null) {
            vmCount.merge(move.from(), -1, Integer::sum);
        }
        for (Resource resource : Resource.values()) {
            if (move.from() != null && host(move.from()).isActive()) {
                activeLoad[resource.ordinal()] -= usage.get(resource);
            }
            if (host(move.to()).isActive()) {
                activeLoad[resource.ordinal()] += usage.get(resource);
            }
        }
        vmCount.merge(move.to(), 1, Integer::sum);
    }

    /** The index of the first step after {@code i} that puts a VM on the host; -1 when none. */
    private int nextArrival(String hostName, int i) {
        List<Integer> onto = arrivals.getOrDefault(hostName, List.of());
        int k = firstAfter(onto, i);
        return k < onto.size() ? onto.get(k) : -1;
    }

    /** Where in the sorted step indices the first one after {@code i} is. */
    private static int firstAfter(List<Integer> indices, int i) {
        int at = Collections.binarySearch(indices, i + 1);
        return at >= 0 ? at : -at - 1;
    }

    private String vmOf(int stepIndex) {
        return ((VmStep) steps.get(stepIndex)).vm();
    }

    private static double share(Host host, Resources load, Resource resource) {
        double capacity = host.capacity().get(resource);
        return capacity > 0 ? load.get(resource) / capacity : 0;
    }

    private static Double wattsOf(Host host) {
        return host.power() == null ? null : host.power().idleWatts();
    }

    private Host host(String name) {
        return snapshot.hostsByName().get(name);
    }
}
