package dev.ballast.scheduler.goals.consolidate;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consolidation as an operator does it by hand: empty the least-loaded host into the others,
 * largest VM first, each onto the busiest host with room; keep going while hosts empty out. No
 * VM moves unless its host is emptied, so the migrations are few; first fit decreasing from
 * scratch packs tighter but moves nearly everything.
 */
final class DrainLightestHosts {

    private DrainLightestHosts() {
    }

    /** The placement after draining every host that can be drained; empty if none needs placing. */
    static Optional<Placement> place(ClusterSnapshot snapshot, Policy policy) {
        if (snapshot.vms().stream().anyMatch(Vm::isNew)) {
            return Optional.empty();
        }
        ClusterState state = ClusterState.current(snapshot, policy);
        Map<String, List<Vm>> vmsOn = new LinkedHashMap<>();
        snapshot.vms().forEach(vm -> vmsOn.computeIfAbsent(vm.host(), h -> new ArrayList<>()).add(vm));
        Set<String> drained = new HashSet<>();
        for (Host host : lightestFirst(snapshot, state)) {
            if (drain(host.name(), vmsOn.getOrDefault(host.name(), List.of()), state, drained, snapshot)) {
                drained.add(host.name());
            }
        }
        return Optional.of(state.placement());
    }

    /** Active hosts that may be emptied: hosts that must be emptied first, then by load. */
    private static List<Host> lightestFirst(ClusterSnapshot snapshot, ClusterState state) {
        return snapshot.hosts().stream()
                .filter(h -> !h.isStale() && state.holdsVms(h.name()))
                .sorted(Comparator.comparing(Host::isActive).thenComparingDouble(h -> load(h, state)))
                .toList();
    }

    /** Moves every VM off the host, or none: a host half emptied saves nothing. */
    private static boolean drain(String host, List<Vm> vms, ClusterState state, Set<String> drained,
            ClusterSnapshot snapshot) {
        List<Vm> largestFirst = vms.stream().sorted(Comparator.comparingLong(Vm::memoryMiB).reversed()).toList();
        List<Host> targets = snapshot.hosts().stream()
                .filter(h -> !h.name().equals(host) && !drained.contains(h.name()) && state.holdsVms(h.name()))
                .sorted(Comparator.comparingDouble((Host h) -> -load(h, state)))
                .toList();
        List<Vm> moved = new ArrayList<>();
        for (Vm vm : largestFirst) {
            Optional<Host> target = targets.stream().filter(t -> state.fits(vm.name(), t.name())).findFirst();
            if (target.isEmpty() || vm.pinned()) {
                moved.forEach(back -> state.move(back.name(), host));
                return false;
            }
            state.move(vm.name(), target.get().name());
            moved.add(vm);
        }
        return true;
    }

    /** A host's load as a share of its capacity, the three resources added up. */
    private static double load(Host host, ClusterState state) {
        Resources used = state.loadOf(host.name());
        Resources capacity = host.capacity();
        return used.cpu() / capacity.cpu() + (double) used.memoryMiB() / capacity.memoryMiB()
                + used.networkMbps() / capacity.networkMbps();
    }
}
