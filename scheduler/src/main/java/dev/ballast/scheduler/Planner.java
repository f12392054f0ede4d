package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.model.PreCopyModel;
import dev.ballast.rules.HardRules;
import dev.ballast.rules.PlanCheck;
import dev.ballast.rules.Violation;
import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import dev.ballast.scheduler.goals.Goal;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.scheduler.solver.ProblemBuilder;
import dev.ballast.scheduler.solver.SolverFactories;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.impl.solver.DefaultSolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a snapshot and a policy into a migration plan: OptaPlanner searches for a target
 * placement starting from the current one, the result is checked against every hard rule
 * independently of the solver's score, the moves are ordered so that each runs one at a time in
 * a valid state, and the plan is replayed by {@link PlanCheck} before it is returned. What depends
 * on the policy's goal (constraints, prices, temperature, starting points, gain, hosts to switch
 * off) is asked of the goal's plugin, found in {@link Goals}.
 */
public final class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);
    private static final int MAX_REASONS = 20;
    private static final Duration MIN_SEARCH = Duration.ofMillis(200);
    /** One fiftieth of the time limit is kept for the work after the search, or more: see below. */
    private static final int FINISHING_SHARE = 50;
    /**
     * At least this much per VM is kept for the work after the search: checking, ordering,
     * estimating, scoring and replaying the 19,482 moves of 50,000 VMs took 5 s on a busy 2-core
     * machine, where a fiftieth of 60 s is 1.2.
     */
    private static final Duration FINISHING_PER_VM = Duration.ofNanos(100_000);

    private final SolverSettings settings;
    private final Clock clock;
    private final PreCopyModel migrationModel = PreCopyModel.standard();
    private final Consumer<SearchStats> statsListener;

    public Planner(SolverSettings settings) {
        this(settings, Clock.systemUTC(), stats -> { });
    }

    /**
     * @param clock         tells the time for the policy's cooldown
     * @param statsListener hears how each search went
     */
    public Planner(SolverSettings settings, Clock clock, Consumer<SearchStats> statsListener) {
        this.settings = settings;
        this.clock = clock;
        this.statsListener = statsListener;
    }

    /**
     * Plans the cluster under the policy.
     *
     * @throws NoFeasiblePlacementException when no placement satisfies every hard rule
     */
    public MigrationPlan plan(ClusterSnapshot given, Policy policy) throws NoFeasiblePlacementException {
        long started = System.nanoTime();
        ClusterSnapshot snapshot = StaleHosts.leaveAlone(Cooldown.apply(given, policy, clock.instant()));
        List<String> shortfall = Shortfall.of(snapshot, policy);
        if (!shortfall.isEmpty()) {
            throw new NoFeasiblePlacementException(shortfall);
        }
        Goal goal = Goals.registry().of(policy);
        Objective objective = goal.on(snapshot, policy);
        Placement target = solve(snapshot, policy, goal, objective, settings.timeLimit(), started);
        Sequence sequence = Sequencer.of(snapshot, policy, target);
        if (!sequence.dropped().isEmpty()) {
            sequence = retargetAround(snapshot, policy, goal, sequence);
        }
        Optional<String> tooSmall = mustMove(snapshot, policy) ? Optional.empty()
                : objective.tooSmall(sequence.reached());
        if (tooSmall.isPresent()) {
            log.info("policy {}: plan emptied: {}", policy.name(), tooSmall.get());
            sequence = new Sequence(List.of(), dropAll(sequence.steps(), tooSmall.get()),
                    snapshot.currentPlacement());
        }
        MigrationPlan plan = planOf(snapshot, policy, goal, objective, sequence);
        Optional<PlanCheck.Problem> problem = PlanCheck.firstProblem(snapshot, policy, plan);
        if (problem.isPresent()) {
            List<String> reasons = new ArrayList<>(List.of("no safe order of migrations: " + problem.get()));
            sequence.dropped().forEach(d -> reasons.add(d.vm() + " " + d.from() + " -> " + d.to() + ": " + d.reason()));
            throw new NoFeasiblePlacementException(reasons);
        }
        return plan;
    }

    /** A target placement that keeps every hard rule, from the solver within the time left. */
    private Placement solve(ClusterSnapshot snapshot, Policy policy, Goal goal, Objective objective, Duration limit,
            long started) throws NoFeasiblePlacementException {
        long temperature = objective.temperature();
        SolverFactory<ClusterPlacement> factory = SolverFactories.forConstraints(goal.constraints(),
                settings.withTimeLimit(limit), temperature);
        ClusterPlacement start = startingPoint(snapshot, policy, objective, factory);
        // The time limit covers the whole plan: the solver gets what preparing it left over, less
        // what ordering and checking the moves takes afterwards.
        Duration left = limit.minusMillis((System.nanoTime() - started) / 1_000_000)
                .minus(finishing(limit, snapshot));
        factory = SolverFactories.forConstraints(goal.constraints(),
                settings.withTimeLimit(left.compareTo(MIN_SEARCH) < 0 ? MIN_SEARCH : left), temperature);
        Solver<ClusterPlacement> solver = factory.buildSolver();
        AtomicLong bestAt = new AtomicLong();
        solver.addEventListener(event -> bestAt.set(event.getTimeMillisSpent()));
        ClusterPlacement best = solver.solve(start);
        if (solver instanceof DefaultSolver<ClusterPlacement> search) {
            statsListener.accept(new SearchStats(Duration.ofMillis(search.getTimeMillisSpent()),
                    Duration.ofMillis(bestAt.get()), search.getSolverScope().getScoreCalculationCount()));
        }
        Placement target = placementOf(best);
        List<Violation> violations = HardRules.check(snapshot, policy, target);
        if (!violations.isEmpty()) {
            throw new NoFeasiblePlacementException(reasons(violations));
        }
        target = objective.cleanUp(target);
        log.info("policy {}: target found with score {}", policy.name(), scoreOf(factory, best, target));
        return target;
    }

    /** The time kept for the work after the search. */
    private static Duration finishing(Duration limit, ClusterSnapshot snapshot) {
        Duration share = limit.dividedBy(FINISHING_SHARE);
        Duration perVm = FINISHING_PER_VM.multipliedBy(snapshot.vms().size());
        return perVm.compareTo(share) > 0 ? perVm : share;
    }

    /**
     * Some moves could not be ordered, not even with detours. Asks the solver for another target
     * that leaves those VMs where they are, and keeps it if it orders better.
     */
    private Sequence retargetAround(ClusterSnapshot snapshot, Policy policy, Goal goal, Sequence first) {
        Set<String> stuck = new HashSet<>();
        first.dropped().forEach(d -> stuck.add(d.vm()));
        log.info("policy {}: {} moves cannot be ordered; asking for a target without them", policy.name(), stuck.size());
        ClusterSnapshot keepStuck = new ClusterSnapshot(snapshot.hosts(),
                snapshot.vms().stream().map(vm -> stuck.contains(vm.name()) && vm.host() != null ? vm.asPinned() : vm)
                        .toList(),
                snapshot.groups());
        try {
            Duration retry = settings.timeLimit().dividedBy(3);
            Placement target = solve(keepStuck, policy, goal, goal.on(keepStuck, policy), retry, System.nanoTime());
            Sequence second = Sequencer.of(snapshot, policy, target);
            return second.dropped().size() < first.dropped().size() ? second : first;
        } catch (NoFeasiblePlacementException e) {
            return first;
        }
    }

    /** True when the cluster breaks a hard rule now, or has new VMs: then a plan is never too small. */
    private static boolean mustMove(ClusterSnapshot snapshot, Policy policy) {
        return !HardRules.check(snapshot, policy, snapshot.currentPlacement()).isEmpty();
    }

    private MigrationPlan planOf(ClusterSnapshot snapshot, Policy policy, Goal goal, Objective objective,
            Sequence sequence) {
        List<Step> steps = new ArrayList<>(Estimates.attach(snapshot, sequence.steps(), migrationModel));
        Placement placement = sequence.reached();
        // Hosts the goal advises switching off are switched off last, once every VM has left them.
        objective.hostsToSwitchOff(placement).forEach(host -> steps.add(new PowerOff(host)));
        String score = SolutionManager.<ClusterPlacement, HardSoftLongScore>create(
                SolverFactories.forConstraints(goal.constraints(), settings))
                .update(withPlacement(ProblemBuilder.build(snapshot, policy, objective.prices()), placement)).toString();
        return new MigrationPlan(policy.name(), score, placement, steps,
                PlanSummary.of(snapshot, placement, steps, sequence.dropped())
                        .withEfficacy(objective.efficacy(placement)));
    }

    private static List<DroppedMove> dropAll(List<VmStep> steps, String reason) {
        Map<String, DroppedMove> byVm = new LinkedHashMap<>();
        for (VmStep step : steps) {
            DroppedMove earlier = byVm.get(step.vm());
            String from = earlier == null ? step.from() : earlier.from();
            byVm.put(step.vm(), new DroppedMove(step.vm(), from, step.to(), reason));
        }
        return List.copyOf(byVm.values());
    }

    /**
     * Where the search starts: whichever scores best of the current placement and the goal's
     * greedy plans. Local search then trades migrations against the goal.
     */
    private static ClusterPlacement startingPoint(ClusterSnapshot snapshot, Policy policy, Objective objective,
            SolverFactory<ClusterPlacement> factory) {
        ClusterPlacement best = ProblemBuilder.build(snapshot, policy, objective.prices());
        SolutionManager<ClusterPlacement, HardSoftLongScore> scores = SolutionManager.create(factory);
        HardSoftLongScore bestScore = scores.update(best);
        String from = "current placement";
        for (var candidate : objective.startingPoints().entrySet()) {
            if (candidate.getValue().isEmpty()) {
                continue;
            }
            ClusterPlacement start = ProblemBuilder.build(snapshot, policy, objective.prices(),
                    candidate.getValue().get());
            HardSoftLongScore score = scores.update(start);
            if (score.compareTo(bestScore) > 0) {
                best = start;
                bestScore = score;
                from = candidate.getKey();
            }
        }
        log.info("policy {}: starting from the {} (score {})", policy.name(), from, bestScore);
        return best;
    }

    private static Placement placementOf(ClusterPlacement solution) {
        Map<String, String> hostOfVm = new LinkedHashMap<>();
        for (PlanningVm vm : solution.getVms()) {
            hostOfVm.put(vm.getName(), vm.getHost() == null ? null : vm.getHost().getName());
        }
        return new Placement(hostOfVm);
    }

    private static ClusterPlacement withPlacement(ClusterPlacement solution, Placement placement) {
        Map<String, PlanningHost> hosts = solution.getHosts().stream()
                .collect(Collectors.toMap(PlanningHost::getName, Function.identity()));
        for (PlanningVm vm : solution.getVms()) {
            vm.setHost(hosts.get(placement.hostOf(vm.getName())));
        }
        return solution;
    }

    private static String scoreOf(SolverFactory<ClusterPlacement> factory, ClusterPlacement solution,
            Placement target) {
        return SolutionManager.create(factory).update(withPlacement(solution, target)).toString();
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
