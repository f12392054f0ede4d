package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Migration;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.policies.ClusterState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the moves from the current placement to a target one at a time, each where the state
 * the previous steps leave has room for it: moves off hosts that must be emptied first, then any
 * move that fits, repeated until none is left that fits. Moves that wait on each other in a
 * cycle are left at the end in their original order.
 */
final class StepOrder {

    private StepOrder() {
    }

    static List<Migration> of(ClusterSnapshot snapshot, Policy policy, Placement target) {
        List<Migration> pending = new ArrayList<>();
        for (Vm vm : snapshot.vms()) {
            String to = target.hostOf(vm.name());
            if (to != null && !to.equals(vm.host())) {
                pending.add(new Migration(vm.name(), vm.host(), to));
            }
        }
        pending.sort(Comparator.comparing((Migration m) -> leavesActiveHost(snapshot, m)));
        ClusterState state = ClusterState.current(snapshot, policy);
        List<Migration> steps = new ArrayList<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Migration move = it.next();
                if (state.fits(move.vm(), move.to())) {
                    state.move(move.vm(), move.to());
                    steps.add(move);
                    it.remove();
                    progress = true;
                }
            }
        }
        steps.addAll(pending);
        return steps;
    }

    private static boolean leavesActiveHost(ClusterSnapshot snapshot, Migration move) {
        return move.from() == null || snapshot.host(move.from()).map(h -> h.isActive()).orElse(true);
    }
}
