package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;
import dev.ballast.rules.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Decides fast whether the VMs of failed hosts can restart on the hosts left, without moving
 * any other VM: each VM into the free room of an active host, under the policy's limits and every
 * hard rule (anti-affinity, affinity, storage, bridges, stale hosts). A failed host's pinned VMs
 * restart elsewhere too: the failure has moved them already.
 *
 * <p>Several greedy orders are tried, each cheap (VMs times hosts), and the first that places
 * every VM wins: first fit in the snapshot's order, first fit decreasing, and worst fit
 * decreasing (the host with the most memory left first). When all of them strand a VM,
 * {@link #restartMovingOthers} moves a few other VMs out of its way; only when that fails too
 * does the caller need the planner, which may move any VMs in any order. One state is
 * kept for the whole cluster and restored after each question, so that {@code fail: any} over
 * 1,000 hosts costs 1,000 small placements, not 1,000 copies of the cluster.
 */
final class Absorption {

    /**
     * One greedy attempt: where the VMs went, those that found no host, and the VMs of other
     * hosts moved first to make room (VM to its new host), in the order they move.
     */
    record Attempt(Map<String, String> placed, List<Vm> stranded, Map<String, String> moved) {
        Attempt(Map<String, String> placed, List<Vm> stranded) {
            this(placed, stranded, Map.of());
        }
    }

    /**
     * The roomiest hosts tried for each VM the free room cannot take. Enough on the tight
     * 1,000-host bench cluster: each of its 320 losses the free room strands (a VM of 128 GiB,
     * no host with over 64 GiB free) is absorbed, the whole {@code fail: any} in 1.4 s.
     */
    private static final int HOSTS_TRIED = 8;

    private final ClusterState state;
    private final List<Host> targets;
    private final Map<String, List<Vm>> vmsOn = new HashMap<>();
    private final ToDoubleFunction<Resources> size;
    /** VMs that may not move to make room: pinned, cooling down, or on a stale host (the planner's rules too). */
    private final Set<String> staying = new HashSet<>();

    /** Moves no other VM: {@link #restartMovingOthers} moves none. */
    Absorption(ClusterSnapshot snapshot, Policy policy) {
        this(snapshot, policy, null);
    }

    /**
     * @param now the time of the policy's cooldown: VMs that moved within it stay where they are;
     *            null to move no VM of another host at all
     */
    Absorption(ClusterSnapshot snapshot, Policy policy, Instant now) {
        // Unpinned: a failure moves a pinned VM as surely as any other.
        ClusterSnapshot unpinned = new ClusterSnapshot(snapshot.hosts(), snapshot.vms().stream()
                .map(vm -> vm.pinned() ? new Vm(vm.name(), vm.host(), vm.memoryMiB(), vm.vcpus(), vm.demand(),
                        vm.dirtyRateMiBps(), vm.storage(), vm.bridges(), false, vm.lastMigratedAt()) : vm)
                .toList(), snapshot.groups());
        this.state = ClusterState.current(unpinned, policy);
        this.targets = snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale()).toList();
        for (Vm vm : unpinned.vms()) {
            if (vm.host() != null) {
                vmsOn.computeIfAbsent(vm.host(), h -> new ArrayList<>()).add(vm);
            }
        }
        Set<String> stale = new HashSet<>();
        snapshot.hosts().stream().filter(Host::isStale).forEach(h -> stale.add(h.name()));
        Instant coolSince = now == null ? null : now.minus(policy.cooldown());
        for (Vm vm : snapshot.vms()) {
            boolean cooling = vm.lastMigratedAt() != null && (coolSince == null || vm.lastMigratedAt().isAfter(coolSince));
            if (now == null || vm.pinned() || cooling || stale.contains(vm.host())) {
                staying.add(vm.name());
            }
        }
        Resources total = targets.stream().map(Host::capacity).reduce(Resources.ZERO, Resources::plus);
        this.size = r -> share(r, total, Resource.CPU) + share(r, total, Resource.MEMORY)
                + share(r, total, Resource.NETWORK);
    }

    /** The VMs running on the host now, in the snapshot's order. */
    List<Vm> vmsOn(String host) {
        return vmsOn.getOrDefault(host, List.of());
    }

    /**
     * The best greedy attempt at restarting the failed hosts' VMs elsewhere: one that strands
     * none if any order finds it, else the one that strands the fewest. The cluster's state is
     * as it was when this returns.
     */
    Attempt restart(Collection<String> failed) {
        Set<String> down = new HashSet<>(failed);
        List<Vm> displaced = failed.stream().flatMap(h -> vmsOn(h).stream()).toList();
        displaced.forEach(vm -> state.unplace(vm.name()));
        try {
            return best(displaced, targets.stream().filter(h -> !down.contains(h.name())).toList());
        } finally {
            for (Vm vm : displaced) {
                state.move(vm.name(), vm.host());
            }
        }
    }

    /**
     * As {@link #restart}, and then for each VM still stranded, the roomiest hosts that offer its
     * storage and bridges are tried in turn: their VMs that may move go, the largest first, each
     * to the first other host that takes it under every hard rule, until the stranded VM fits.
     * A host where it still does not fit gets its VMs back. Each move is made in the state the
     * ones before it leave, so the moves, in order, then the restarts, are a valid sequence. The
     * cluster's state is as it was when this returns.
     */
    Attempt restartMovingOthers(Collection<String> failed) {
        Set<String> down = new HashSet<>(failed);
        List<Vm> displaced = failed.stream().flatMap(h -> vmsOn(h).stream()).toList();
        displaced.forEach(vm -> state.unplace(vm.name()));
        Map<String, String> from = new LinkedHashMap<>();
        try {
            List<Host> open = targets.stream().filter(h -> !down.contains(h.name())).toList();
            Attempt greedy = best(displaced, open);
            if (greedy.stranded().isEmpty()) {
                return greedy;
            }
            greedy.placed().forEach(state::move);
            Map<String, String> placed = new LinkedHashMap<>(greedy.placed());
            Map<String, String> moved = new LinkedHashMap<>();
            List<Vm> stranded = new ArrayList<>();
            for (Vm vm : greedy.stranded()) {
                Optional<String> host = makeRoom(vm, open, moved, from);
                if (host.isPresent()) {
                    state.move(vm.name(), host.get());
                    placed.put(vm.name(), host.get());
                } else {
                    stranded.add(vm);
                }
            }
            return new Attempt(placed, stranded, moved);
        } finally {
            from.forEach(state::move);
            for (Vm vm : displaced) {
                state.move(vm.name(), vm.host());
            }
        }
    }

    /** The host where room was made for the VM, the moves made for it added to {@code moved}; else none. */
    private Optional<String> makeRoom(Vm vm, List<Host> open, Map<String, String> moved, Map<String, String> from) {
        List<Host> candidates = open.stream().filter(h -> h.offersAttachmentsOf(vm))
                .sorted(Comparator.comparingLong(this::memoryRoom).reversed()).limit(HOSTS_TRIED).toList();
        for (Host host : candidates) {
            List<Vm> movable = vmsOn(host.name()).stream()
                    .filter(other -> !staying.contains(other.name()) && host.name().equals(state.hostOf(other.name())))
                    .sorted(Comparator.comparingLong(Vm::memoryMiB).reversed()).toList();
            List<String> here = new ArrayList<>();
            for (Vm other : movable) {
                Optional<Host> to = firstBut(other, open, host.name());
                if (to.isEmpty()) {
                    continue;
                }
                state.move(other.name(), to.get().name());
                here.add(other.name());
                moved.put(other.name(), to.get().name());
                from.putIfAbsent(other.name(), host.name());
                if (state.fits(vm.name(), host.name())) {
                    return Optional.of(host.name());
                }
            }
            for (String other : here) {
                state.move(other, host.name());
                moved.remove(other);
                from.remove(other);
            }
        }
        return Optional.empty();
    }

    private Optional<Host> firstBut(Vm vm, List<Host> open, String but) {
        for (Host host : open) {
            if (!host.name().equals(but) && state.fits(vm.name(), host.name())) {
                return Optional.of(host);
            }
        }
        return Optional.empty();
    }

    private long memoryRoom(Host host) {
        return host.capacity().scaledBy(state.policy().limits()).memoryMiB() - state.loadOf(host.name()).memoryMiB();
    }

    /**
     * A VM of the failed hosts that no host left could hold even were every VM that may move
     * gone from it (its room under the limits, its storage and bridges): proof that no plan
     * restarts it. Null when each could be held somewhere.
     */
    Vm fitsNowhereEmptied(Collection<String> failed) {
        Set<String> down = new HashSet<>(failed);
        Map<String, Resources> fixed = new HashMap<>();
        for (Host host : targets) {
            if (!down.contains(host.name())) {
                fixed.put(host.name(), usageOf(vmsOn(host.name()).stream().filter(vm -> staying.contains(vm.name())).toList()));
            }
        }
        for (String host : failed) {
            for (Vm vm : vmsOn(host)) {
                boolean somewhere = targets.stream().anyMatch(h -> fixed.containsKey(h.name()) && h.offersAttachmentsOf(vm)
                        && fixed.get(h.name()).plus(vm.usage()).fitsWithin(h.capacity().scaledBy(state.policy().limits())));
                if (!somewhere) {
                    return vm;
                }
            }
        }
        return null;
    }

    /** The best of the greedy orders; the displaced VMs off their hosts, and so left. */
    private Attempt best(List<Vm> displaced, List<Host> open) {
        List<Vm> decreasing = displaced.stream()
                .sorted(Comparator.comparingDouble((Vm vm) -> size.applyAsDouble(vm.usage())).reversed()).toList();
        Attempt best = null;
        for (int order = 0; order < 3; order++) {
            Attempt attempt = switch (order) {
                case 0 -> place(displaced, open, false);
                case 1 -> place(decreasing, open, false);
                default -> place(decreasing, open, true);
            };
            if (best == null || attempt.stranded().size() < best.stranded().size()) {
                best = attempt;
            }
            if (best.stranded().isEmpty()) {
                break;
            }
        }
        return best;
    }

    /** Places each VM in turn on the first host that takes it (or the roomiest); undone before returning. */
    private Attempt place(List<Vm> vms, List<Host> open, boolean roomiestFirst) {
        Map<String, String> placed = new LinkedHashMap<>();
        List<Vm> stranded = new ArrayList<>();
        for (Vm vm : vms) {
            Optional<Host> host = roomiestFirst ? roomiest(vm, open) : first(vm, open);
            if (host.isPresent()) {
                state.move(vm.name(), host.get().name());
                placed.put(vm.name(), host.get().name());
            } else {
                stranded.add(vm);
            }
        }
        placed.keySet().forEach(state::unplace);
        return new Attempt(placed, stranded);
    }

    private Optional<Host> first(Vm vm, List<Host> open) {
        for (Host host : open) {
            if (state.fits(vm.name(), host.name())) {
                return Optional.of(host);
            }
        }
        return Optional.empty();
    }

    private Optional<Host> roomiest(Vm vm, List<Host> open) {
        Host best = null;
        long bestRoom = Long.MIN_VALUE;
        for (Host host : open) {
            long room = host.capacity().scaledBy(state.policy().limits()).memoryMiB()
                    - state.loadOf(host.name()).memoryMiB();
            if (room > bestRoom && state.fits(vm.name(), host.name())) {
                best = host;
                bestRoom = room;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * What stops a stranded VM, most often over the hosts left: the first resource over its
     * limit, or the rule that refuses it. Asked with the failed hosts' VMs off their hosts.
     */
    String shortOf(Collection<String> failed, List<Vm> stranded) {
        Set<String> down = new HashSet<>(failed);
        List<Vm> displaced = failed.stream().flatMap(h -> vmsOn(h).stream()).toList();
        displaced.forEach(vm -> state.unplace(vm.name()));
        try {
            Map<String, Integer> counts = new HashMap<>();
            for (Vm vm : stranded) {
                for (Host host : targets) {
                    if (!down.contains(host.name())) {
                        counts.merge(blocker(vm, host), 1, Integer::sum);
                    }
                }
            }
            return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse("hosts");
        } finally {
            for (Vm vm : displaced) {
                state.move(vm.name(), vm.host());
            }
        }
    }

    private String blocker(Vm vm, Host host) {
        Resources limit = host.capacity().scaledBy(state.policy().limits());
        Resources with = state.loadOf(host.name()).plus(vm.usage());
        for (Resource resource : Resource.values()) {
            if (with.get(resource) > limit.get(resource) + 1e-9) {
                return resource.key();
            }
        }
        return state.whyNot(vm.name(), host.name()).map(Violation::rule).orElse("order");
    }

    /** The free room left under the limits on the hosts that stay, per resource, summed. */
    Resources freeRoom(Collection<String> failed) {
        Set<String> down = new HashSet<>(failed);
        Resources free = Resources.ZERO;
        for (Host host : targets) {
            if (!down.contains(host.name())) {
                Resources left = host.capacity().scaledBy(state.policy().limits()).minus(state.loadOf(host.name()));
                free = free.plus(new Resources(Math.max(0, left.cpu()), Math.max(0, left.memoryMiB()),
                        Math.max(0, left.networkMbps())));
            }
        }
        return free;
    }

    /** The VMs' use of each resource, summed. */
    static Resources usageOf(List<Vm> vms) {
        return vms.stream().map(Vm::usage).reduce(Resources.ZERO, Resources::plus);
    }

    private static double share(Resources amount, Resources total, Resource resource) {
        double whole = total.get(resource);
        return whole == 0 ? 0 : amount.get(resource) / whole;
    }
}
