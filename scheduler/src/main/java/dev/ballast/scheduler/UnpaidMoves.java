package dev.ballast.scheduler;

import dev.ballast.model.DroppedMove;
import dev.ballast.model.Placement;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import dev.ballast.scheduler.domain.ClusterPlacement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;
import org.optaplanner.core.impl.solver.DefaultSolverFactory;

/**
 * Every move pays for itself: after the search, a migration whose undoing (together with the
 * moves that took the room it leaves) loses the goal less than the migrations' price is undone,
 * and the plan lists it as dropped. The goal and the price are the solver's own score, so "pays"
 * means exactly what the search meant by it; a local search stopped by its time limit often
 * keeps such moves, which bought nothing or less than they cost.
 *
 * <p>Undoing is tried on the solver's incremental score, one VM (or one VM and its dependants)
 * at a time, the dearest moves first, until a round undoes nothing or the deadline passes (tens
 * of thousands of moves take seconds): the moves not yet tried stay.
 */
final class UnpaidMoves {

    static final String REASON = "buys less than it costs: undoing it loses the goal less than the migration's price";
    private static final String HOST = "host";
    private static final int MAX_ROUNDS = 3;
    private static final int DEADLINE_CHECKS = 64;

    private UnpaidMoves() {
    }

    /** The target with the moves that do not pay undone, and those moves. */
    record Result(Placement target, List<DroppedMove> dropped) {
    }

    /**
     * @param deadline when to stop trying, in the {@code ticker}'s terms
     * @param ticker   tells the time, as {@link System#nanoTime()} does
     */
    static Result drop(SolverFactory<ClusterPlacement> factory, ClusterPlacement solution, long deadline,
            LongSupplier ticker) {
        DefaultSolverFactory<ClusterPlacement> solverFactory = (DefaultSolverFactory<ClusterPlacement>) factory;
        Map<String, DroppedMove> dropped = new LinkedHashMap<>();
        try (InnerScoreDirector<ClusterPlacement, HardSoftLongScore> director =
                solverFactory.<HardSoftLongScore>getScoreDirectorFactory().buildScoreDirector(false, false)) {
            director.setWorkingSolution(solution);
            Undoing undoing = new Undoing(director, director.calculateScore());
            for (int round = 0; round < MAX_ROUNDS; round++) {
                int undone = 0;
                List<PlanningVm> moved = dearestFirst(solution);
                Map<PlanningHost, List<PlanningVm>> arrivals = new HashMap<>();
                moved.forEach(vm -> arrivals.computeIfAbsent(vm.getHost(), h -> new ArrayList<>()).add(vm));
                int tried = 0;
                for (PlanningVm vm : moved) {
                    if (++tried % DEADLINE_CHECKS == 0 && ticker.getAsLong() - deadline > 0) {
                        return new Result(placementOf(solution), List.copyOf(dropped.values()));
                    }
                    if (!vm.isMoved()) {
                        continue;   // undone with an earlier one
                    }
                    List<PlanningVm> group = List.of(vm);
                    if (!undoing.pays(group)) {
                        // Undone alone it may break a rule: a VM that came in may need its room.
                        group = undoing.brokeRule() ? withDependants(vm, arrivals) : group;
                        if (group.size() == 1 || !undoing.pays(group)) {
                            continue;
                        }
                    }
                    undone += group.size();
                    for (PlanningVm member : group) {
                        dropped.put(member.getName(), new DroppedMove(member.getName(),
                                member.getOriginalHost().getName(), undoing.target(member).getName(), REASON));
                    }
                }
                if (undone == 0) {
                    break;
                }
            }
        }
        return new Result(placementOf(solution), List.copyOf(dropped.values()));
    }

    /** Undoes moves on the solver's incremental score, and puts them back when they paid. */
    private static final class Undoing {

        private final InnerScoreDirector<ClusterPlacement, HardSoftLongScore> director;
        private final Map<PlanningVm, PlanningHost> targets = new HashMap<>();
        private HardSoftLongScore score;
        private boolean brokeRule;

        Undoing(InnerScoreDirector<ClusterPlacement, HardSoftLongScore> director, HardSoftLongScore score) {
            this.director = director;
            this.score = score;
        }

        /** Undoes the group's moves; true when that scores no worse, else puts them back and says false. */
        boolean pays(List<PlanningVm> group) {
            Map<PlanningVm, PlanningHost> to = new HashMap<>();
            group.forEach(member -> to.put(member, member.getHost()));
            group.forEach(member -> move(member, member.getOriginalHost()));
            HardSoftLongScore undone = director.calculateScore();
            brokeRule = undone.hardScore() < score.hardScore();
            if (undone.compareTo(score) >= 0) {
                score = undone;
                targets.putAll(to);
                return true;
            }
            group.forEach(member -> move(member, to.get(member)));
            director.calculateScore();
            return false;
        }

        /** True when the last undoing that did not pay broke a hard rule. */
        boolean brokeRule() {
            return brokeRule;
        }

        /** Where an undone VM was to go. */
        PlanningHost target(PlanningVm vm) {
            return targets.get(vm);
        }

        private void move(PlanningVm vm, PlanningHost host) {
            director.beforeVariableChanged(vm, HOST);
            vm.setHost(host);
            director.afterVariableChanged(vm, HOST);
        }
    }

    /** Migrations by price, dearest first: the likeliest not to pay. */
    private static List<PlanningVm> dearestFirst(ClusterPlacement solution) {
        List<PlanningVm> moved = new ArrayList<>();
        for (PlanningVm vm : solution.getVms()) {
            if (vm.isMoved() && !vm.isPinned()) {
                moved.add(vm);
            }
        }
        moved.sort(Comparator.comparingLong(PlanningVm::getMigrationPrice).reversed()
                .thenComparing(PlanningVm::getName));
        return moved;
    }

    /** The VM and the migrations onto the host it leaves, which may need its room. */
    private static List<PlanningVm> withDependants(PlanningVm vm, Map<PlanningHost, List<PlanningVm>> arrivals) {
        List<PlanningVm> group = new ArrayList<>();
        group.add(vm);
        for (PlanningVm other : arrivals.getOrDefault(vm.getOriginalHost(), List.of())) {
            // the index is from the round's start: some have been undone since
            if (other != vm && other.isMoved() && other.getHost() == vm.getOriginalHost()) {
                group.add(other);
            }
        }
        return group;
    }

    private static Placement placementOf(ClusterPlacement solution) {
        Map<String, String> hostOfVm = new LinkedHashMap<>();
        for (PlanningVm vm : solution.getVms()) {
            hostOfVm.put(vm.getName(), vm.getHost() == null ? null : vm.getHost().getName());
        }
        return new Placement(hostOfVm);
    }
}
