package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Orders the moves from the current placement to a target so that they run one at a time, each
 * valid in the state the previous ones leave, with the VM still occupying its source while it
 * moves. Moves off hosts that must be emptied go first, then moves that free room another move
 * waits for, then the rest; each round runs every move that fits. When none fits, the moves wait
 * on each other in a cycle, and one VM of the cycle takes a detour through a host with spare room
 * so that the others can go. What still cannot be ordered is dropped, with the reason.
 */
final class Sequencer {

    private final ClusterSnapshot snapshot;
    private final ClusterState state;
    private final Set<String> keptOn;
    private final Set<String> detoured = new HashSet<>();
    private final List<VmStep> steps = new ArrayList<>();

    private Sequencer(ClusterSnapshot snapshot, Policy policy, Placement target) {
        this.snapshot = snapshot;
        this.state = ClusterState.current(snapshot, policy);
        this.keptOn = target.usedHosts();
    }

    static Sequence of(ClusterSnapshot snapshot, Policy policy, Placement target) {
        return new Sequencer(snapshot, policy, target).run(movesTo(snapshot, target));
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

    private Sequence run(List<VmStep> moves) {
        List<VmStep> pending = new ArrayList<>(moves);
        do {
            runWhatFits(pending);
        } while (!pending.isEmpty() && takeDetour(pending));
        List<DroppedMove> dropped = pending.stream()
                .map(m -> new DroppedMove(m.vm(), m.from(), m.to(), "no safe order: " + reasonBlocked(m)))
                .toList();
        return new Sequence(steps, dropped, state.placement());
    }

    /** Runs every pending move that fits, in rounds, until a round runs none. */
    private void runWhatFits(List<VmStep> pending) {
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            pending.sort(byUrgency(pending));
            for (Iterator<VmStep> it = pending.iterator(); it.hasNext(); ) {
                VmStep move = it.next();
                if (state.fitsStep(move.vm(), move.to())) {
                    state.move(move.vm(), move.to());
                    steps.add(move);
                    it.remove();
                    progress = true;
                }
            }
        }
    }

    /** Off hosts that must be emptied first; then moves whose source another move waits for. */
    private Comparator<VmStep> byUrgency(List<VmStep> pending) {
        Set<String> awaited = new HashSet<>();
        pending.forEach(m -> awaited.add(m.to()));
        return Comparator.comparing((VmStep m) -> !leavesInactiveHost(m))
                .thenComparing(m -> m.from() == null || !awaited.contains(m.from()));
    }

    private boolean leavesInactiveHost(VmStep move) {
        return move.from() != null && !snapshot.host(move.from()).map(Host::isActive).orElse(true);
    }

    /**
     * Breaks a cycle: a blocked VM whose source another blocked move waits for goes to a host
     * with room first, and on to its destination later. Each VM takes at most one detour, so
     * this ends.
     */
    private boolean takeDetour(List<VmStep> pending) {
        Set<String> awaited = new HashSet<>();
        pending.forEach(m -> awaited.add(m.to()));
        for (int i = 0; i < pending.size(); i++) {
            VmStep move = pending.get(i);
            if (move.from() == null || detoured.contains(move.vm()) || !awaited.contains(move.from())) {
                continue;
            }
            Optional<String> via = detourHost(move);
            if (via.isPresent()) {
                state.move(move.vm(), via.get());
                steps.add(new Migration(move.vm(), move.from(), via.get()).asDetour());
                detoured.add(move.vm());
                pending.set(i, new Migration(move.vm(), via.get(), move.to()));
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
