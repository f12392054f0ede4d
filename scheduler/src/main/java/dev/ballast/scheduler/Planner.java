package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Goal;
import dev.ballast.model.Host;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.policies.HardRules;
import dev.ballast.policies.Violation;
import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.scheduler.domain.PlanningHost;
import dev.ballast.scheduler.domain.PlanningVm;
import dev.ballast.scheduler.solver.ProblemBuilder;
import dev.ballast.scheduler.solver.SolverFactories;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a snapshot and a policy into a migration plan: OptaPlanner searches for a target
 * placement starting from the current one, the result is checked against every hard rule
 * independently of the solver's score, and the moves are put in an order that runs one at a time.
 */
public final class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);
    private static final int MAX_REASONS = 20;
    private static final Duration MIN_SEARCH = Duration.ofMillis(200);

    private final SolverSettings settings;

    public Planner(SolverSettings settings) {
        this.settings = settings;
    }

    /**
     * Plans the cluster under the policy.
     *
     * @throws NoFeasiblePlacementException when no placement satisfies every hard rule
     */
    public MigrationPlan plan(ClusterSnapshot snapshot, Policy policy) throws NoFeasiblePlacementException {
        List<String> shortfall = Shortfall.of(snapshot, policy);
        if (!shortfall.isEmpty()) {
            throw new NoFeasiblePlacementException(shortfall);
        }
        long started = System.nanoTime();
        SolverFactory<ClusterPlacement> factory = SolverFactories.forGoal(policy.goal(), settings);
        ClusterPlacement start = startingPoint(snapshot, policy, factory);
        // The time limit covers the whole plan: the solver gets what preparing it left over.
        Duration left = settings.timeLimit().minusMillis((System.nanoTime() - started) / 1_000_000);
        if (left.compareTo(settings.timeLimit()) < 0) {
            factory = SolverFactories.forGoal(policy.goal(),
                    settings.withTimeLimit(left.compareTo(MIN_SEARCH) < 0 ? MIN_SEARCH : left));
        }
        ClusterPlacement best = factory.buildSolver().solve(start);
        log.info("policy {}: solver finished with score {}", policy.name(), best.getScore());
        Placement target = placementOf(best);
        List<Violation> violations = HardRules.check(snapshot, policy, target);
        if (!violations.isEmpty()) {
            throw new NoFeasiblePlacementException(reasons(violations));
        }
        if (policy.goal() == Goal.CONSOLIDATE) {
            target = NeedlessMoves.revert(snapshot, policy, target);
        }
        String score = scoreOf(factory, best, target);
        List<Migration> steps = StepOrder.of(snapshot, policy, target);
        return new MigrationPlan(policy.name(), score, target, steps, hostsToPowerOff(snapshot, policy, target),
                PlanSummary.of(snapshot, target, steps));
    }

    /**
     * The current placement, or for consolidation a greedy repacking if it scores better: first
     * fit decreasing from scratch, with every move that saves nothing undone. Local search then
     * trades its migrations against its watts; starting from the current placement alone, 30 s
     * were not always enough to catch up with the greedy packing on hundreds of hosts.
     */
    private static ClusterPlacement startingPoint(ClusterSnapshot snapshot, Policy policy,
            SolverFactory<ClusterPlacement> factory) {
        ClusterPlacement current = ProblemBuilder.build(snapshot, policy);
        if (policy.goal() != Goal.CONSOLIDATE) {
            return current;
        }
        var greedy = FirstFitDecreasing.place(snapshot, policy);
        if (greedy.isEmpty()) {
            return current;
        }
        ClusterPlacement repacked = ProblemBuilder.build(snapshot, policy,
                NeedlessMoves.revert(snapshot, policy, greedy.get()));
        SolutionManager<ClusterPlacement, HardSoftLongScore> scores = SolutionManager.create(factory);
        boolean repackedIsBetter = scores.update(repacked).compareTo(scores.update(current)) > 0;
        log.info("policy {}: starting from the {}", policy.name(), repackedIsBetter ? "greedy repacking" : "current placement");
        return repackedIsBetter ? repacked : current;
    }

    private static Placement placementOf(ClusterPlacement solution) {
        Map<String, String> hostOfVm = new LinkedHashMap<>();
        for (PlanningVm vm : solution.getVms()) {
            hostOfVm.put(vm.getName(), vm.getHost() == null ? null : vm.getHost().getName());
        }
        return new Placement(hostOfVm);
    }

    /** The score of the final placement, which the clean-up may have changed since the solver's. */
    private static String scoreOf(SolverFactory<ClusterPlacement> factory, ClusterPlacement solution,
            Placement target) {
        Map<String, PlanningHost> hosts = solution.getHosts().stream()
                .collect(Collectors.toMap(PlanningHost::getName, Function.identity()));
        for (PlanningVm vm : solution.getVms()) {
            vm.setHost(hosts.get(target.hostOf(vm.getName())));
        }
        return SolutionManager.create(factory).update(solution).toString();
    }

    private static List<String> hostsToPowerOff(ClusterSnapshot snapshot, Policy policy, Placement target) {
        if (policy.goal() != Goal.CONSOLIDATE) {
            return List.of();
        }
        var used = target.usedHosts();
        return snapshot.hosts().stream().filter(Host::isActive).map(Host::name).filter(h -> !used.contains(h))
                .toList();
    }

    private static List<String> reasons(List<Violation> violations) {
        List<String> reasons = new ArrayList<>();
        violations.stream().limit(MAX_REASONS).map(Violation::toString).forEach(reasons::add);
        if (violations.size() > MAX_REASONS) {
            reasons.add("... and " + (violations.size() - MAX_REASONS) + " more");
        }
        return reasons;
    }
}
