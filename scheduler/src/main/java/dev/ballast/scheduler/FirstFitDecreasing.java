package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The classic greedy packing, as a yardstick for the solver: pinned VMs stay, every other VM is
 * placed from scratch, largest first, on the first host with room, hosts taken in order of the
 * most capacity per idle watt, the busiest first among equals. It does not try to keep VMs where
 * they run, so it says little of migrations.
 */
public final class FirstFitDecreasing {

    private FirstFitDecreasing() {
    }

    /** A placement keeping every hard rule, or empty when the greedy order finds none. */
    public static Optional<Placement> place(ClusterSnapshot snapshot, Policy policy) {
        Resources total = snapshot.hosts().stream().filter(Host::isActive).map(Host::capacity)
                .reduce(Resources.ZERO, Resources::plus);
        ToDoubleFunction<Resources> size = r -> share(r, total, Resource.CPU) + share(r, total, Resource.MEMORY)
                + share(r, total, Resource.NETWORK);
        Map<String, String> pinned = new LinkedHashMap<>();
        snapshot.vms().stream().filter(Vm::pinned).forEach(vm -> pinned.put(vm.name(), vm.host()));
        ClusterState state = ClusterState.of(snapshot, policy, new Placement(pinned));
        Map<String, Resources> loadNow = snapshot.currentPlacement().loadByHost(snapshot);
        List<Host> open = new ArrayList<>(snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale())
                .sorted(Comparator.comparingDouble((Host h) -> h.idleWatts() / size.applyAsDouble(h.capacity()))
                        // Among equally efficient hosts, the busiest first: more VMs are already
                        // where the packing puts them, and fewer need to move.
                        .thenComparingDouble(h -> -size.applyAsDouble(loadNow.getOrDefault(h.name(), Resources.ZERO))))
                .toList());
        List<Vm> vms = snapshot.vms().stream().filter(vm -> !vm.pinned())
                .sorted(Comparator.comparingDouble((Vm vm) -> size.applyAsDouble(vm.usage())).reversed())
                .toList();
        long smallestMemory = vms.stream().mapToLong(Vm::memoryMiB).min().orElse(0);
        for (Vm vm : vms) {
            Optional<Host> first = open.stream().filter(h -> state.fits(vm.name(), h.name())).findFirst();
            if (first.isEmpty()) {
                return Optional.empty();
            }
            state.move(vm.name(), first.get().name());
            if (memoryLeft(first.get(), state, policy) < smallestMemory) {
                open.remove(first.get());
            }
        }
        return Optional.of(state.placement());
    }

    /** A host with less memory left than the smallest VM is full for good: first fit skips it. */
    private static long memoryLeft(Host host, ClusterState state, Policy policy) {
        return host.capacity().scaledBy(policy.limits()).memoryMiB() - state.loadOf(host.name()).memoryMiB();
    }

    private static double share(Resources amount, Resources total, Resource resource) {
        double whole = total.get(resource);
        return whole == 0 ? 0 : amount.get(resource) / whole;
    }
}
