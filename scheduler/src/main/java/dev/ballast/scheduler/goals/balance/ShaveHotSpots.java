package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Balancing as an operator does it by hand: take the hottest host and cool it by the cheapest
 * means that works, then the next, until no host runs hot or none can be helped. A host is hot
 * by how far it runs above the thresholds of {@link HotSpots}, summed over the resources: the
 * same object, so the same excess, that the solver charges for. In turn it tries
 * <ol>
 *   <li>moving one VM to a host that takes it (the VM with the least memory among those that
 *       cool the host as much);</li>
 *   <li>swapping one of its VMs with a less busy one elsewhere, when every host is too full to
 *       take a VM alone;</li>
 *   <li>making room for one of its VMs on a host that could run it cool, by moving up to
 *       {@value #MAX_EVICTIONS} of that host's VMs to hosts that stay cool: a busy 16-vCPU guest
 *       is hot alone on a medium host, and only a large host cleared of small guests takes it.</li>
 * </ol>
 * Every change lowers the cluster's total excess, so it ends. Local search, which changes one or
 * two VMs at a time at random, took thousands of moves to get as far on 1,000 hosts; from here it
 * only polishes.
 */
final class ShaveHotSpots {

    private static final double NO_GAIN = 1e-9;
    /** How many of the roomiest hosts are tried for a VM that needs room made. */
    private static final int ROOM_CANDIDATES = 10;
    /** The most VMs moved away to make room for one. */
    private static final int MAX_EVICTIONS = 16;

    private final ClusterState state;
    private final List<Host> hosts;
    private final HotSpots hotSpots;
    private final Map<String, List<Vm>> vmsOn = new HashMap<>();
    private final Set<String> moved = new HashSet<>();
    private final int maxMigrations;

    private ShaveHotSpots(ClusterSnapshot snapshot, Policy policy, HotSpots hotSpots) {
        this.state = ClusterState.current(snapshot, policy);
        this.hosts = snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale()).toList();
        this.maxMigrations = policy.maxMigrations() == null ? Integer.MAX_VALUE : policy.maxMigrations();
        this.hotSpots = hotSpots;
        snapshot.vms().forEach(vm -> vmsOn.computeIfAbsent(vm.host(), h -> new ArrayList<>()).add(vm));
    }

    /** The placement with the hot hosts cooled as far as these means go; empty if VMs need placing. */
    static Optional<Placement> place(ClusterSnapshot snapshot, Policy policy, HotSpots hotSpots) {
        if (snapshot.vms().stream().anyMatch(Vm::isNew)) {
            return Optional.empty();
        }
        ShaveHotSpots shaving = new ShaveHotSpots(snapshot, policy, hotSpots);
        shaving.run();
        return Optional.of(shaving.state.placement());
    }

    private void run() {
        Set<String> beyondHelp = new HashSet<>();
        while (moved.size() < maxMigrations) {
            Host hottest = hottest(beyondHelp);
            if (hottest == null) {
                return;
            }
            if (!coolDown(hottest) && !swapDown(hottest) && !makeRoomFor(hottest)) {
                beyondHelp.add(hottest.name());
            }
        }
    }

    private Host hottest(Set<String> beyondHelp) {
        Host hottest = null;
        double most = NO_GAIN;
        for (Host host : hosts) {
            double excess = excess(host, state.loadOf(host.name()));
            if (excess > most && !beyondHelp.contains(host.name())) {
                hottest = host;
                most = excess;
            }
        }
        return hottest;
    }

    /** Makes the best move off the host; false when no move lowers the total excess. */
    private boolean coolDown(Host hot) {
        Resources hotLoad = state.loadOf(hot.name());
        double hotExcess = excess(hot, hotLoad);
        Vm bestVm = null;
        Host bestTarget = null;
        double bestGain = NO_GAIN;
        double bestSlack = 0;
        for (Vm vm : vmsOn.getOrDefault(hot.name(), List.of())) {
            if (vm.pinned()) {
                continue;
            }
            double relief = hotExcess - excess(hot, hotLoad.minus(vm.usage()));
            if (relief <= NO_GAIN || relief < bestGain - NO_GAIN) {
                continue;
            }
            for (Host target : hosts) {
                if (target == hot) {
                    continue;
                }
                Resources load = state.loadOf(target.name());
                double gain = relief - (excess(target, load.plus(vm.usage())) - excess(target, load));
                double slack = slack(target, load.plus(vm.usage()));
                if (better(gain, vm, slack, bestGain, bestVm, bestSlack) && state.fits(vm.name(), target.name())) {
                    bestVm = vm;
                    bestTarget = target;
                    bestGain = gain;
                    bestSlack = slack;
                }
            }
        }
        if (bestVm == null) {
            return false;
        }
        record(bestVm, hot, bestTarget);
        return true;
    }

    /**
     * Swaps a VM of the hot host with a smaller one of another host, for when every host that
     * could take the hot host's VMs is itself near its threshold; false when no swap helps.
     */
    private boolean swapDown(Host hot) {
        if (migrationsLeft() < 2) {
            return false;
        }
        Resources hotLoad = state.loadOf(hot.name());
        double hotExcess = excess(hot, hotLoad);
        Vm bestVm = null;
        Vm bestOther = null;
        Host bestTarget = null;
        double bestGain = NO_GAIN;
        for (Vm vm : vmsOn.getOrDefault(hot.name(), List.of())) {
            if (vm.pinned()) {
                continue;
            }
            for (Host target : hosts) {
                if (target == hot) {
                    continue;
                }
                Resources load = state.loadOf(target.name());
                double targetExcess = excess(target, load);
                for (Vm other : vmsOn.getOrDefault(target.name(), List.of())) {
                    if (other.pinned() || other.demand().cpu() >= vm.demand().cpu()) {
                        continue;
                    }
                    Resources delta = vm.usage().minus(other.usage());
                    double gain = hotExcess + targetExcess - excess(hot, hotLoad.minus(delta))
                            - excess(target, load.plus(delta));
                    if (gain > bestGain + NO_GAIN && swapFits(vm, hot, other, target)) {
                        bestVm = vm;
                        bestOther = other;
                        bestTarget = target;
                        bestGain = gain;
                    }
                }
            }
        }
        if (bestVm == null) {
            return false;
        }
        record(bestVm, hot, bestTarget);
        record(bestOther, bestTarget, hot);
        return true;
    }

    /**
     * Moves a VM of the hot host to another host after making room there: that host's smaller
     * VMs go to hosts that stay cool with them. For a large VM that makes any host it joins hot,
     * such as a busy 16-vCPU guest alone on a medium host; false when no host can be cleared
     * enough without heating another.
     */
    private boolean makeRoomFor(Host hot) {
        Resources hotLoad = state.loadOf(hot.name());
        double hotExcess = excess(hot, hotLoad);
        List<Vm> largestFirst = vmsOn.getOrDefault(hot.name(), List.of()).stream()
                .filter(vm -> !vm.pinned() && hotExcess - excess(hot, hotLoad.minus(vm.usage())) > NO_GAIN)
                .sorted(Comparator.comparingDouble((Vm vm) -> vm.demand().cpu()).reversed())
                .toList();
        for (Vm vm : largestFirst) {
            List<Host> roomiest = hosts.stream()
                    .filter(h -> h != hot && excess(h, vm.usage()) <= NO_GAIN)
                    .sorted(Comparator.comparingDouble(h -> excess(h, state.loadOf(h.name()).plus(vm.usage()))))
                    .limit(ROOM_CANDIDATES)
                    .toList();
            for (Host target : roomiest) {
                if (clearRoom(target, vm, hot)) {
                    record(vm, hot, target);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Moves VMs off the target, each to a host that stays as cool as it was, until the VM fits
     * the target without heating it; undoes them and returns false when that takes more moves
     * than {@link #MAX_EVICTIONS} or the policy's cap leaves, or cannot be done.
     */
    private boolean clearRoom(Host target, Vm vm, Host hot) {
        // One migration stays for the VM the room is made for.
        int mostEvictions = Math.min(MAX_EVICTIONS, migrationsLeft() - 1);
        double targetExcess = excess(target, state.loadOf(target.name()));
        List<Vm> largestFirst = vmsOn.getOrDefault(target.name(), List.of()).stream()
                .filter(other -> !other.pinned())
                .sorted(Comparator.comparingDouble((Vm other) -> other.demand().cpu()).reversed())
                .toList();
        List<Vm> evicted = new ArrayList<>();
        List<Host> homes = new ArrayList<>();
        for (Vm other : largestFirst) {
            if (excess(target, state.loadOf(target.name()).plus(vm.usage())) <= targetExcess + NO_GAIN
                    || evicted.size() >= mostEvictions) {
                break;
            }
            Resources before = state.loadOf(target.name()).plus(vm.usage());
            if (excess(target, before.minus(other.usage())) >= excess(target, before) - NO_GAIN) {
                continue;
            }
            Optional<Host> home = coolHome(other, target, hot);
            if (home.isPresent()) {
                record(other, target, home.get());
                evicted.add(other);
                homes.add(home.get());
            }
        }
        boolean roomMade = excess(target, state.loadOf(target.name()).plus(vm.usage())) <= targetExcess + NO_GAIN
                && state.fits(vm.name(), target.name());
        if (!roomMade) {
            for (int i = evicted.size() - 1; i >= 0; i--) {
                unrecord(evicted.get(i), homes.get(i), target);
            }
            return false;
        }
        return true;
    }

    /** A host other than the two given that takes the VM and stays as cool as it was. */
    private Optional<Host> coolHome(Vm vm, Host from, Host hot) {
        Host best = null;
        double bestSlack = 0;
        for (Host host : hosts) {
            if (host == from || host == hot) {
                continue;
            }
            Resources load = state.loadOf(host.name());
            Resources after = load.plus(vm.usage());
            if (excess(host, after) > excess(host, load) + NO_GAIN) {
                continue;
            }
            double slack = slack(host, after);
            if ((best == null || slack > bestSlack) && state.fits(vm.name(), host.name())) {
                best = host;
                bestSlack = slack;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Tries the swap on the state and leaves it made when both VMs may run where they went. */
    private boolean swapFits(Vm vm, Host hot, Vm other, Host target) {
        state.move(other.name(), hot.name());
        boolean fits = state.fits(vm.name(), target.name());
        state.move(vm.name(), target.name());
        fits = fits && state.fits(other.name(), hot.name());
        state.move(vm.name(), hot.name());
        state.move(other.name(), target.name());
        return fits;
    }

    private void record(Vm vm, Host from, Host to) {
        state.move(vm.name(), to.name());
        vmsOn.get(from.name()).remove(vm);
        vmsOn.computeIfAbsent(to.name(), h -> new ArrayList<>()).add(vm);
        moved.add(vm.name());
    }

    /** Migrations the policy's cap still allows, counting each VM moved so far once. */
    private int migrationsLeft() {
        return maxMigrations == Integer.MAX_VALUE ? Integer.MAX_VALUE : maxMigrations - moved.size();
    }

    /** Takes back a move of {@link #record} that turned out useless. */
    private void unrecord(Vm vm, Host from, Host backTo) {
        state.move(vm.name(), backTo.name());
        vmsOn.get(from.name()).remove(vm);
        vmsOn.get(backTo.name()).add(vm);
        if (vm.host().equals(backTo.name())) {
            moved.remove(vm.name());
        }
    }

    /** More gain first; for the same gain the VM with less memory, then the target left coolest. */
    private static boolean better(double gain, Vm vm, double slack, double bestGain, Vm bestVm, double bestSlack) {
        if (gain > bestGain + NO_GAIN || bestVm == null) {
            return gain > NO_GAIN;
        }
        if (gain < bestGain - NO_GAIN) {
            return false;
        }
        if (vm.memoryMiB() != bestVm.memoryMiB()) {
            return vm.memoryMiB() < bestVm.memoryMiB();
        }
        return slack > bestSlack;
    }

    private double excess(Host host, Resources load) {
        return hotSpots.excess(host, load);
    }

    private double slack(Host host, Resources load) {
        return hotSpots.slack(host, load);
    }
}
