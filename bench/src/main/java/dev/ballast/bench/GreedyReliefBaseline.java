package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The overload suite's yardstick, written apart from the scheduler: relief as a simple script
 * would do it. For each host over a limit, hottest first: if moving one VM brings it within its
 * limits, the cheapest such VM (least memory) goes; otherwise its busiest VM goes, and it looks
 * again. Each VM goes to the host left coolest (lowest highest share of a limit) that takes it
 * within every rule. A host none of whose VMs can go anywhere is left over its limit.
 */
final class GreedyReliefBaseline {

    private final ClusterState state;
    private final Policy policy;
    private final List<Host> hosts;

    private GreedyReliefBaseline(ClusterSnapshot snapshot, Policy policy) {
        this.state = ClusterState.current(snapshot, policy);
        this.policy = policy;
        this.hosts = snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale()).toList();
    }

    static Placement place(ClusterSnapshot snapshot, Policy policy) {
        GreedyReliefBaseline greedy = new GreedyReliefBaseline(snapshot, policy);
        for (String hot : OverloadCluster.overLimit(snapshot, policy.limits(), snapshot.currentPlacement())) {
            greedy.relieve(snapshot, snapshot.host(hot).orElseThrow());
        }
        return greedy.state.placement();
    }

    private void relieve(ClusterSnapshot snapshot, Host hot) {
        while (!withinLimits(hot, state.loadOf(hot.name()))) {
            List<Vm> movable = new ArrayList<>(snapshot.vms().stream()
                    .filter(vm -> hot.name().equals(state.hostOf(vm.name())) && !vm.pinned()).toList());
            movable.sort(Comparator.comparingLong(Vm::memoryMiB));
            Vm chosen = movable.stream()
                    .filter(vm -> withinLimits(hot, state.loadOf(hot.name()).minus(vm.usage())))
                    .filter(vm -> coolest(vm, hot) != null)
                    .findFirst()
                    .orElseGet(() -> movable.stream().filter(vm -> coolest(vm, hot) != null)
                            .max(Comparator.comparingDouble(vm -> vm.demand().cpu())).orElse(null));
            if (chosen == null) {
                return;
            }
            state.move(chosen.name(), coolest(chosen, hot).name());
        }
    }

    private Host coolest(Vm vm, Host from) {
        Host best = null;
        double coolest = Double.MAX_VALUE;
        for (Host host : hosts) {
            if (host == from) {
                continue;
            }
            double fill = fill(host, state.loadOf(host.name()).plus(vm.usage()));
            if (fill < coolest && state.fits(vm.name(), host.name())) {
                best = host;
                coolest = fill;
            }
        }
        return best;
    }

    private boolean withinLimits(Host host, Resources load) {
        return load.fitsWithin(host.capacity().scaledBy(policy.limits()));
    }

    private double fill(Host host, Resources load) {
        Resources limit = host.capacity().scaledBy(policy.limits());
        return Math.max(load.cpu() / limit.cpu(), Math.max(load.memoryMiB() / (double) limit.memoryMiB(),
                load.networkMbps() / limit.networkMbps()));
    }
}
