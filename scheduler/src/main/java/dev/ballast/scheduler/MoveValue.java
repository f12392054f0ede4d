package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Utilisation;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each move of a plan buys, as a rank (0 buys most), so that the {@link Sequencer} runs the
 * most valuable move that may run and a plan cut after any step has bought as much as its steps
 * can. In this order:
 * <ol>
 * <li>moves off hosts that must be emptied (maintenance): a rule broken until they leave;</li>
 * <li>new VMs started: a VM that runs nowhere breaks a rule too;</li>
 * <li>moves off hosts over a limit, the hottest host first, its largest VMs first, as many as
 *     bring the host back within its limits;</li>
 * <li>moves off hosts the target empties, one host after the other, the host that frees the most
 *     watts per GiB to move first (the fastest to empty, when hosts draw alike): watts are saved
 *     only once a host is empty, so a drain begun is finished before the next;</li>
 * <li>the rest, off the hottest host first (the furthest above the cluster's mean in any
 *     resource): what evens a cluster out most.</li>
 * </ol>
 * Ranks are computed once, from the cluster before the plan: near-linear in the moves.
 */
final class MoveValue {

    /** In the order they run; the first three mend a broken rule. */
    private enum Tier { EVACUATE, START, RELIEVE, DRAIN, REST }

    /** The moves of one tier off (or, for starts, onto) one host, and what they are worth together. */
    private record Group(Tier tier, String host, double value) {
    }

    private static final Comparator<Group> BEST_GROUP_FIRST = Comparator.comparing(Group::tier)
            .thenComparing(Comparator.comparingDouble(Group::value).reversed())
            .thenComparing(Group::host);

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final Map<String, Resources> loadBefore;
    private final Map<String, Double> excess = new HashMap<>();
    private final Map<String, Double> aboveMean = new HashMap<>();
    private final Map<Resource, Double> mean = new EnumMap<>(Resource.class);

    private MoveValue(ClusterSnapshot snapshot, Policy policy) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.loadBefore = snapshot.currentPlacement().loadByHost(snapshot);
        for (Resource resource : Resource.values()) {
            mean.put(resource, Utilisation.of(snapshot, snapshot.currentPlacement(), resource).mean());
        }
    }

    /**
     * The moves' ranks.
     *
     * @param rank    of each move, by index: distinct, from 0 for the move that buys most
     * @param mending true for a move that mends a rule the cluster breaks (a VM off a host in
     *                maintenance, a new VM started, a host over a limit relieved): it should run as
     *                soon as it fits
     */
    record Ranks(long[] rank, boolean[] mending) {
    }

    static Ranks of(ClusterSnapshot snapshot, Policy policy, Placement target, List<VmStep> moves) {
        return new MoveValue(snapshot, policy).rank(target, moves);
    }

    private Ranks rank(Placement target, List<VmStep> moves) {
        Set<String> relieving = relievingMoves(moves);
        Set<String> keptOn = target.usedHosts();
        Map<String, Double> drainValue = drainValues(moves, keptOn);
        Map<String, Vm> vms = snapshot.vmsByName();
        long[] mib = new long[moves.size()];
        Map<Group, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < moves.size(); i++) {
            VmStep move = moves.get(i);
            mib[i] = vms.get(move.vm()).memoryMiB();
            Tier tier = move.from() == null ? Tier.START
                    : !host(move.from()).isActive() ? Tier.EVACUATE
                    : relieving.contains(move.vm()) ? Tier.RELIEVE
                    : !keptOn.contains(move.from()) ? Tier.DRAIN
                    : Tier.REST;
            String host = move.from() == null ? move.to() : move.from();
            double value = switch (tier) {
                case EVACUATE, START -> 0;
                case RELIEVE -> excess(host);
                case DRAIN -> drainValue.get(host);
                case REST -> aboveMean(host);
            };
            groups.computeIfAbsent(new Group(tier, host, value), g -> new ArrayList<>()).add(i);
        }
        // The most valuable host first, all its moves together, those onto idle hosts last (they
        // draw watts until the host is empty), then its largest VMs first.
        List<Group> order = new ArrayList<>(groups.keySet());
        order.sort(BEST_GROUP_FIRST);
        long[] ranks = new long[moves.size()];
        boolean[] mending = new boolean[moves.size()];
        long next = 0;
        for (Group group : order) {
            List<Integer> members = groups.get(group);
            members.sort(Comparator.comparing((Integer i) -> idleBefore(moves.get(i).to()))
                    .thenComparing((a, b) -> mib[a] != mib[b] ? Long.compare(mib[b], mib[a]) : Integer.compare(a, b)));
            for (int i : members) {
                ranks[i] = next++;
                mending[i] = group.tier().compareTo(Tier.RELIEVE) <= 0;
            }
        }
        return new Ranks(ranks, mending);
    }

    /**
     * The VMs whose moves bring a host over a limit back within it: off each such host, its
     * largest moving VMs until the rest is within every limit. Its other moves buy no relief.
     */
    private Set<String> relievingMoves(List<VmStep> moves) {
        Map<String, List<Vm>> leaving = new HashMap<>();
        for (VmStep move : moves) {
            if (move.from() != null && host(move.from()).isActive() && excess(move.from()) > 0) {
                leaving.computeIfAbsent(move.from(), h -> new ArrayList<>()).add(snapshot.vm(move.vm()).orElseThrow());
            }
        }
        Set<String> relieving = new HashSet<>();
        leaving.forEach((hostName, vms) -> {
            Resources limit = host(hostName).capacity().scaledBy(policy.limits());
            Resources load = loadBefore.get(hostName);
            Resource worst = mostOver(hostName);
            vms.sort(Comparator.comparingDouble((Vm v) -> v.usage().get(worst)).reversed());
            for (Vm vm : vms) {
                if (load.fitsWithin(limit)) {
                    break;
                }
                relieving.add(vm.name());
                load = load.minus(vm.usage());
            }
        });
        return relieving;
    }

    /**
     * For each host the target empties: the watts its drain saves per GiB of memory to move off
     * it. A drain that brings idle hosts into use saves their watts less: it comes after the
     * drains that need none, so that what the plan spends on them is already saved by then.
     */
    private Map<String, Double> drainValues(List<VmStep> moves, Set<String> keptOn) {
        Map<String, Long> mibToMove = new HashMap<>();
        Map<String, Set<String>> opens = new HashMap<>();
        for (VmStep move : moves) {
            if (move.from() != null && !keptOn.contains(move.from())) {
                mibToMove.merge(move.from(), snapshot.vm(move.vm()).orElseThrow().memoryMiB(), Long::sum);
                if (idleBefore(move.to())) {
                    opens.computeIfAbsent(move.from(), h -> new HashSet<>()).add(move.to());
                }
            }
        }
        Map<String, Double> value = new HashMap<>();
        mibToMove.forEach((h, mib) -> {
            double watts = host(h).idleWatts()
                    - opens.getOrDefault(h, Set.of()).stream().mapToDouble(o -> host(o).idleWatts()).sum();
            value.put(h, watts / Math.max(1.0, mib / 1024.0));
        });
        return value;
    }

    /** True when the host holds no VM before the plan. */
    private boolean idleBefore(String hostName) {
        return !loadBefore.containsKey(hostName);
    }

    /** How far the host is over its limits before the plan: the largest share of capacity over; 0 within them. */
    private double excess(String hostName) {
        return excess.computeIfAbsent(hostName, h -> Math.max(0, over(h, mostOver(h))));
    }

    /** The resource the host is furthest over its limit in (or nearest under it). */
    private Resource mostOver(String hostName) {
        Resource worst = Resource.CPU;
        for (Resource resource : Resource.values()) {
            if (over(hostName, resource) > over(hostName, worst)) {
                worst = resource;
            }
        }
        return worst;
    }

    /** The host's share of a resource's capacity in use before the plan, less the policy's limit. */
    private double over(String hostName, Resource resource) {
        double capacity = host(hostName).capacity().get(resource);
        return capacity > 0 ? loadBefore.getOrDefault(hostName, Resources.ZERO).get(resource) / capacity
                - policy.limits().get(resource) : Double.NEGATIVE_INFINITY;
    }

    /**
     * How far the host runs above the cluster's mean before the plan, in the resource where it is
     * furthest above: what balancing takes off first.
     */
    private double aboveMean(String hostName) {
        return aboveMean.computeIfAbsent(hostName, h -> {
            double furthest = Double.NEGATIVE_INFINITY;
            for (Resource resource : Resource.values()) {
                double capacity = host(h).capacity().get(resource);
                if (capacity > 0) {
                    double share = loadBefore.getOrDefault(h, Resources.ZERO).get(resource) / capacity;
                    furthest = Math.max(furthest, share - mean.get(resource));
                }
            }
            return furthest;
        });
    }

    private Host host(String name) {
        return snapshot.host(name).orElseThrow();
    }
}
