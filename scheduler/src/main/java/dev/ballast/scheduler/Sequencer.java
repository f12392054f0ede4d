package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Migration;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.StartVm;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import dev.ballast.rules.ClusterState;
import dev.ballast.rules.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders the moves from the current placement to a target so that they run one at a time, each
 * valid in the state the previous ones leave, with the VM still occupying its source while it
 * moves, and the moves that buy most first ({@link MoveValue}): a plan cut after any step has
 * bought as much as its steps can.
 *
 * <p>It always runs the most valuable move that may run. A move that does not fit its destination
 * yet waits there, and lends its rank to the moves off that destination, which make its room. A
 * move also waits for its destination's departures when it would take the destination above both
 * its load before and its load after the plan: each host's load then stays under the higher of
 * the two, so a plan cut after any step leaves no host hotter than the plan's ends do, and a cut
 * plan is no worse than the cluster before it. Only when a waiting move ranks above
 * every move that may run does it enter anyway (the two hosts swap VMs, say). Moves that mend a
 * broken rule (VMs leaving a host in maintenance or over a limit, new VMs) do not wait for
 * departures, only for room: the rule is broken until they have run. Once one VM of an
 * affinity group moves, the others follow before anything else, so the group is apart for as
 * few steps as can be.
 *
 * <p>When nothing may run, the moves wait on each other in a cycle, and one VM of the cycle takes
 * a detour through a host with spare room so that the others can go. What still cannot be ordered
 * is dropped, with the reason. Each move is tried again only when a move leaves its destination:
 * near-linear in the moves.
 */
final class Sequencer {

    private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
    /** Orderings again without the affinity groups a dropped move left apart. */
    private static final int MAX_REGROUPINGS = 3;

    private enum Status { READY, WAITING_FOR_ROOM, WAITING_FOR_DEPARTURES, DONE }

    /** Moves compared when one must enter a host above its ceiling; a cycle rarely has more. */
    private static final int SWAP_CANDIDATES = 16;

    private final ClusterSnapshot snapshot;
    private final ClusterState state;
    private final Set<String> keptOn;
    /** Per host, the higher of its load before and after the plan, per resource. */
    private final Map<String, Resources> ceiling = new HashMap<>();
    private final List<VmStep> moves;
    private final long[] rank;
    /** Each move's rank by its own value; {@link #rank} may be better, lent by a move waiting on it. */
    private final int[] ownRank;
    /** The move of each own rank. */
    private final int[] moveRanked;
    private final boolean[] mending;
    private final Status[] status;
    private final Map<String, Set<Integer>> leaving = new HashMap<>();
    private final Map<String, List<Integer>> waitingForRoom = new HashMap<>();
    private final Map<String, List<Integer>> waitingForDepartures = new HashMap<>();
    /** The best rank each host's departures were lent, so that lending again at no better rank is skipped. */
    private final Map<String, Long> lent = new HashMap<>();
    private final PriorityQueue<Long> ready = new PriorityQueue<>();
    private final PriorityQueue<Long> waiting = new PriorityQueue<>();
    private final Map<String, Integer> moveOfVm = new HashMap<>();
    private final Map<String, List<String>> affinityMates = new HashMap<>();
    private final Set<String> detoured = new HashSet<>();
    private final List<VmStep> steps = new ArrayList<>();
    private int pending;
    /** Ranks below every move's, handed out in turn to the moves that bring an affinity group together. */
    private long urgent = -1;

    private Sequencer(ClusterSnapshot snapshot, Policy policy, Placement target, List<VmStep> moves) {
        this.snapshot = snapshot;
        this.state = ClusterState.current(snapshot, policy);
        this.keptOn = target.usedHosts();
        snapshot.currentPlacement().loadByHost(snapshot).forEach(ceiling::put);
        target.loadByHost(snapshot).forEach((host, load) -> ceiling.merge(host, load, Sequencer::higher));
        this.moves = new ArrayList<>(moves);
        MoveValue.Ranks ranks = MoveValue.of(snapshot, policy, target, moves);
        this.rank = ranks.rank();
        this.ownRank = new int[moves.size()];
        this.moveRanked = new int[moves.size()];
        for (int i = 0; i < moves.size(); i++) {
            ownRank[i] = (int) rank[i];
            moveRanked[ownRank[i]] = i;
        }
        this.mending = ranks.mending();
        this.status = new Status[moves.size()];
        this.pending = moves.size();
        for (int i = 0; i < moves.size(); i++) {
            VmStep move = moves.get(i);
            moveOfVm.put(move.vm(), i);
            if (move.from() != null) {
                leaving.computeIfAbsent(move.from(), h -> new LinkedHashSet<>()).add(i);
            }
            queue(i);
        }
        for (Group group : snapshot.groups()) {
            if (group.rule() == GroupRule.AFFINITY) {
                group.vms().forEach(vm -> affinityMates.put(vm, group.vms()));
            }
        }
    }

    static Sequence of(ClusterSnapshot snapshot, Policy policy, Placement target) {
        long started = System.nanoTime();
        Sequence sequence = new Sequencer(snapshot, policy, target, movesTo(snapshot, target)).run();
        List<DroppedMove> groupsLeft = new ArrayList<>();
        Placement kept = target;
        for (int round = 0; round < MAX_REGROUPINGS; round++) {
            List<Group> split = splitGroups(snapshot, sequence);
            if (split.isEmpty()) {
                break;
            }
            // An affinity group moves whole or not at all: its VMs stay, and the rest is ordered again.
            for (Group group : split) {
                String why = sequence.dropped().stream().filter(d -> group.vms().contains(d.vm())).findFirst()
                        .map(d -> d.vm() + ": " + d.reason()).orElse("");
                for (String vm : group.vms()) {
                    String from = snapshot.vm(vm).orElseThrow().host();
                    String to = kept.hostOf(vm);
                    if (to != null && !to.equals(from)) {
                        groupsLeft.add(new DroppedMove(vm, from, to, "no safe order: its affinity group "
                                + group.name() + " cannot move whole (" + why + ")"));
                    }
                    kept = kept.with(vm, from);
                }
            }
            sequence = new Sequencer(snapshot, policy, kept, movesTo(snapshot, kept)).run();
        }
        if (!groupsLeft.isEmpty()) {
            List<DroppedMove> dropped = new ArrayList<>(groupsLeft);
            dropped.addAll(sequence.dropped());
            sequence = new Sequence(sequence.steps(), dropped, sequence.reached());
        }
        log.info("policy {}: {} steps ordered in {} ms, {} moves dropped", policy.name(), sequence.steps().size(),
                (System.nanoTime() - started) / 1_000_000, sequence.dropped().size());
        return sequence;
    }

    /** The affinity groups together now that the sequence leaves apart, some member's move having been dropped. */
    private static List<Group> splitGroups(ClusterSnapshot snapshot, Sequence sequence) {
        Set<String> dropped = new HashSet<>();
        sequence.dropped().forEach(d -> dropped.add(d.vm()));
        Placement now = snapshot.currentPlacement();
        List<Group> split = new ArrayList<>();
        for (Group group : snapshot.groups()) {
            if (group.rule() == GroupRule.AFFINITY && group.vms().stream().anyMatch(dropped::contains)
                    && hostsOf(group, now) == 1 && hostsOf(group, sequence.reached()) > 1) {
                split.add(group);
            }
        }
        return split;
    }

    private static long hostsOf(Group group, Placement placement) {
        return group.vms().stream().map(placement::hostOf).distinct().count();
    }

    private static List<VmStep> movesTo(ClusterSnapshot snapshot, Placement target) {
        List<VmStep> moves = new ArrayList<>();
        for (Vm vm : snapshot.vms()) {
            String to = target.hostOf(vm.name());
            if (to != null && !to.equals(vm.host())) {
                moves.add(vm.host() == null ? new StartVm(vm.name(), to) : new Migration(vm.name(), vm.host(), to));
            }
        }
        return moves;
    }

    private Sequence run() {
        while (pending > 0) {
            Long next = best(ready);
            Long held = best(waiting);
            if (held != null && (next == null || rankOf(held) < rankOf(next))) {
                // The departures it waited for had their turn at its rank and are still not done.
                tryToRun(leastAboveCeiling(rankOf(held)), true);
            } else if (next != null) {
                ready.poll();
                tryToRun(moveOf(next), false);
            } else if (!takeDetour()) {
                break;
            }
        }
        List<DroppedMove> dropped = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            if (status[i] != Status.DONE) {
                VmStep move = moves.get(i);
                dropped.add(new DroppedMove(move.vm(), move.from(), move.to(), "no safe order: " + reasonBlocked(move)));
            }
        }
        return new Sequence(steps, dropped, state.placement());
    }

    /**
     * Takes out of the waiting queue the move that, of those ranked {@code best}, takes its
     * destination least above its ceiling: when two hosts swap VMs, one of them holds more than
     * before or after for a while, and this keeps that while short.
     */
    private int leastAboveCeiling(long best) {
        List<Long> tied = new ArrayList<>();
        for (Long head = best(waiting); head != null && rankOf(head) == best && tied.size() < SWAP_CANDIDATES;
                head = best(waiting)) {
            tied.add(waiting.poll());
        }
        int chosen = moveOf(tied.get(0));
        for (Long entry : tied) {
            if (aboveCeiling(moveOf(entry)) < aboveCeiling(chosen)) {
                chosen = moveOf(entry);
            }
        }
        for (Long entry : tied) {
            if (moveOf(entry) != chosen) {
                waiting.add(entry);
            }
        }
        return chosen;
    }

    /** How far the move would take its destination above its ceiling: the largest share of capacity over. */
    private double aboveCeiling(int i) {
        VmStep move = moves.get(i);
        Resources after = state.loadOf(move.to()).plus(snapshot.vmsByName().get(move.vm()).usage());
        Resources ceilingOf = ceiling.getOrDefault(move.to(), Resources.ZERO);
        Resources capacity = snapshot.hostsByName().get(move.to()).capacity();
        double above = 0;
        for (Resource resource : Resource.values()) {
            if (capacity.get(resource) > 0) {
                above = Math.max(above, (after.get(resource) - ceilingOf.get(resource)) / capacity.get(resource));
            }
        }
        return above;
    }

    /**
     * A move in a queue, packed in a long that sorts by the rank it had when queued (a rank since
     * improved makes the entry stale), then by its own rank: of two moves ranked alike by what
     * they wait for, the one worth more goes first. (Records compared field by field topped the
     * profile of 50,000 moves.)
     */
    private long entry(int move) {
        return rank[move] << 32 | ownRank[move];
    }

    private static long rankOf(long entry) {
        return entry >> 32;
    }

    private int moveOf(long entry) {
        return moveRanked[(int) entry];
    }

    /** The queue's best entry that is still current, dropping stale ones; null when none. */
    private Long best(PriorityQueue<Long> queue) {
        Status wanted = queue == ready ? Status.READY : Status.WAITING_FOR_DEPARTURES;
        for (Long head = queue.peek(); head != null; head = queue.peek()) {
            int move = moveOf(head);
            if (status[move] == wanted && rank[move] == rankOf(head)) {
                return head;
            }
            queue.poll();
        }
        return null;
    }

    private void tryToRun(int i, boolean anyway) {
        VmStep move = moves.get(i);
        if (!anyway && !mending[i] && hasDepartures(move.to()) && !underCeiling(move)) {
            status[i] = Status.WAITING_FOR_DEPARTURES;
            waitingForDepartures.computeIfAbsent(move.to(), h -> new ArrayList<>()).add(i);
            waiting.add(entry(i));
            lendRank(move.to(), rank[i]);
        } else if (state.fitsStep(move.vm(), move.to())) {
            runMove(i);
        } else {
            status[i] = Status.WAITING_FOR_ROOM;
            waitingForRoom.computeIfAbsent(move.to(), h -> new ArrayList<>()).add(i);
            lendRank(move.to(), rank[i]);
        }
    }

    /** True when the move leaves its destination no busier than it is before or after the plan. */
    private boolean underCeiling(VmStep move) {
        Resources usage = snapshot.vmsByName().get(move.vm()).usage();
        return state.loadOf(move.to()).plus(usage).fitsWithin(ceiling.getOrDefault(move.to(), Resources.ZERO));
    }

    private static Resources higher(Resources a, Resources b) {
        return new Resources(Math.max(a.cpu(), b.cpu()), Math.max(a.memoryMiB(), b.memoryMiB()),
                Math.max(a.networkMbps(), b.networkMbps()));
    }

    private boolean hasDepartures(String host) {
        Set<Integer> departures = leaving.get(host);
        return departures != null && !departures.isEmpty();
    }

    private void runMove(int i) {
        VmStep move = moves.get(i);
        state.move(move.vm(), move.to());
        steps.add(move);
        status[i] = Status.DONE;
        pending--;
        if (move.from() != null) {
            hostLeft(move.from(), i);
        }
        bringMatesAlong(move.vm());
    }

    /**
     * A move left {@code host}: the moves waiting there for room may go now, and those waiting for
     * its departures may fit under its ceiling now (two hosts swapping VMs then take turns).
     */
    private void hostLeft(String host, int move) {
        leaving.get(host).remove(move);
        requeue(waitingForRoom.remove(host));
        requeue(waitingForDepartures.remove(host));
    }

    private void requeue(List<Integer> waiters) {
        if (waiters != null) {
            waiters.stream().filter(j -> status[j] != Status.DONE).forEach(this::queue);
        }
    }

    private void queue(int i) {
        status[i] = Status.READY;
        ready.add(entry(i));
    }

    /** The VM's affinity group moves next: its members' moves rank above everything else. */
    private void bringMatesAlong(String vm) {
        for (String mate : affinityMates.getOrDefault(vm, List.of())) {
            Integer j = moveOfVm.get(mate);
            if (j != null && status[j] != Status.DONE) {
                improveRank(j, urgent--);
            }
        }
    }

    /**
     * A move of rank {@code value} waits on {@code host}: the moves off it, which make its room,
     * rank as high, and so on down the chain of moves they wait for in turn.
     */
    private void lendRank(String host, long value) {
        Deque<String> hosts = new ArrayDeque<>(List.of(host));
        while (!hosts.isEmpty()) {
            String h = hosts.pop();
            if (lent.getOrDefault(h, Long.MAX_VALUE) <= value) {
                continue;
            }
            lent.put(h, value);
            for (int j : leaving.getOrDefault(h, Set.of())) {
                if (rank[j] > value) {
                    improveRank(j, value);
                    if (status[j] != Status.READY) {
                        hosts.push(moves.get(j).to());
                    }
                }
            }
        }
    }

    private void improveRank(int j, long value) {
        if (value >= rank[j]) {
            return;
        }
        rank[j] = value;
        if (status[j] == Status.READY) {
            ready.add(entry(j));
        } else if (status[j] == Status.WAITING_FOR_DEPARTURES) {
            waiting.add(entry(j));
        }
    }

    /**
     * Breaks a cycle: a blocked VM whose source another blocked move waits for goes to a host
     * with room first, and on to its destination later. Each VM takes at most one detour, so
     * this ends. The most valuable such move goes first.
     */
    private boolean takeDetour() {
        Set<String> awaited = new HashSet<>();
        List<Integer> blocked = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            if (status[i] != Status.DONE) {
                awaited.add(moves.get(i).to());
                blocked.add(i);
            }
        }
        blocked.sort(Comparator.comparingLong((Integer i) -> rank[i]).thenComparingInt(i -> i));
        for (int i : blocked) {
            VmStep move = moves.get(i);
            if (move.from() == null || detoured.contains(move.vm()) || !awaited.contains(move.from())) {
                continue;
            }
            Optional<String> via = detourHost(move);
            if (via.isPresent()) {
                state.move(move.vm(), via.get());
                steps.add(new Migration(move.vm(), move.from(), via.get()).asDetour());
                detoured.add(move.vm());
                moves.set(i, new Migration(move.vm(), via.get(), move.to()));
                leaving.computeIfAbsent(via.get(), h -> new LinkedHashSet<>()).add(i);
                queue(i);
                hostLeft(move.from(), i);
                return true;
            }
        }
        return false;
    }

    /** The host with the most room left that may take the VM now, preferring hosts kept on anyway. */
    private Optional<String> detourHost(VmStep move) {
        return snapshot.hosts().stream()
                .map(Host::name)
                .filter(h -> !h.equals(move.from()) && !h.equals(move.to()))
                .filter(h -> state.fitsStep(move.vm(), h))
                .max(Comparator.comparing((String h) -> keptOn.contains(h)).thenComparingDouble(this::roomLeft));
    }

    /** The smallest share of any resource still free on a host, under the policy's limits. */
    private double roomLeft(String hostName) {
        Host host = snapshot.host(hostName).orElseThrow();
        Resources limit = host.capacity().scaledBy(state.policy().limits());
        Resources load = state.loadOf(hostName);
        double least = Double.MAX_VALUE;
        for (Resource resource : Resource.values()) {
            double free = limit.get(resource) - load.get(resource);
            least = Math.min(least, limit.get(resource) == 0 ? 0 : free / limit.get(resource));
        }
        return least;
    }

    private String reasonBlocked(VmStep move) {
        return state.whyNotStep(move.vm(), move.to()).map(Violation::toString)
                .orElse("it waits on a move that was dropped");
    }
}
