package dev.ballast.scheduler.goals.consolidate;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;

import java.util.Comparator;
import java.util.List;

/**
 * Consolidation's clean-up: a VM moved off a host that stays on anyway saves no power, whatever
 * the packing guide thought of it. Each such VM goes back where it was, largest first, as long as
 * every hard rule still holds; its destination may even empty out as a result.
 */
final class NeedlessMoves {

    private NeedlessMoves() {
    }

    static Placement revert(ClusterSnapshot snapshot, Policy policy, Placement target) {
        ClusterState state = ClusterState.of(snapshot, policy, target);
        List<Vm> moved = snapshot.vms().stream()
                .filter(vm -> vm.host() != null && !vm.host().equals(target.hostOf(vm.name())))
                .sorted(Comparator.comparingLong(Vm::memoryMiB).reversed())
                .toList();
        for (Vm vm : moved) {
            if (state.holdsVms(vm.host()) && state.fits(vm.name(), vm.host())) {
                state.move(vm.name(), vm.host());
            }
        }
        return state.placement();
    }
}
