package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Figure;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.model.Vm;
import dev.ballast.model.Unresolved;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
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
    /** The figure of the idle watts of hosts a plan empties that the power rules keep on. */
    static final String KEPT_ON = "watts emptied but kept on";
    private static final Duration MIN_SEARCH = Duration.ofMillis(200);
    /** One fiftieth of the time limit is kept for the work after the search, or more: see below. */
    private static final int FINISHING_SHARE = 50;
    /** One twenty-fifth for undoing the moves that do not pay: 49,000 moves take about 7 s. */
    private static final int PRUNING_SHARE = 25;
    /** Searches again, each on a quarter of the time, when a search trades a breach the cluster has for a new one. */
    private static final int MAX_REPAIRS = 3;
    private static final int REPAIR_SHARE = 4;
    /**
     * At least this much per VM is kept for the work after the search: checking, ordering,
     * estimating, scoring and replaying the 19,482 moves of 50,000 VMs took 5 s on a busy 2-core
     * machine, where a fiftieth of 60 s is 1.2, and giving each step its reason 3 s more.
     */
    private static final Duration FINISHING_PER_VM = Duration.ofNanos(200_000);

    private final SolverSettings settings;
    private final Clock clock;
    private final PreCopyModel migrationModel = PreCopyModel.standard();
    private final Consumer<SearchStats> statsListener;
    private final Consumer<SearchProgress> progressListener;
    private final LongSupplier ticker;

    public Planner(SolverSettings settings) {
        this(settings, Clock.systemUTC(), stats -> { });
    }

    /**
     * @param clock         tells the time for the policy's cooldown
     * @param statsListener hears how each search went
     */
    public Planner(SolverSettings settings, Clock clock, Consumer<SearchStats> statsListener) {
        this(settings, clock, statsListener, progress -> { });
    }

    /**
     * @param progressListener hears of each better placement the search finds, on the solver's
     *                         thread: for a progress line on a terminal
     */
    public Planner(SolverSettings settings, Clock clock, Consumer<SearchStats> statsListener,
            Consumer<SearchProgress> progressListener) {
        this(settings, clock, statsListener, progressListener, System::nanoTime);
    }

    /** @param ticker tells the time of the time limit, in {@link System#nanoTime()} terms */
    Planner(SolverSettings settings, Clock clock, Consumer<SearchStats> statsListener,
            Consumer<SearchProgress> progressListener, LongSupplier ticker) {
        this.settings = settings;
        this.clock = clock;
        this.statsListener = statsListener;
        this.progressListener = progressListener;
        this.ticker = ticker;
    }

    /**
     * Plans the cluster under the policy, within the time limit: every search the plan makes,
     * with or without standby hosts woken, shares it.
     *
     * @throws NoFeasiblePlacementException when no placement satisfies every hard rule, or the
     *                                      time limit ran out before one was found
     */
    public MigrationPlan plan(ClusterSnapshot given, Policy policy) throws NoFeasiblePlacementException {
        Deadline deadline = Deadline.after(settings.timeLimit(), ticker);
        List<Host> wakeable = Goals.registry().of(policy).wakesStandbyHosts() ? Wakeable.hostsOf(given) : List.of();
        MigrationPlan plan = null;
        NoFeasiblePlacementException refused = null;
        // A cluster that keeps every rule now never needs a standby host (a plan adds no breach):
        // its first search gets the whole time. Otherwise it leaves half for the searches with
        // hosts woken, and more when it ends early, as a search proven infeasible at once does.
        boolean mayWake = !wakeable.isEmpty() && (given.vms().stream().anyMatch(Vm::isNew) || mustMove(given, policy));
        try {
            plan = planWaking(given, policy, List.of(), deadline.share(
                    mayWake ? deadline.left().dividedBy(2) : deadline.left()));
            if (wakeable.isEmpty() || !Wakeable.leavesBreaches(plan)) {
                return plan;
            }
        } catch (NoFeasiblePlacementException e) {
            if (wakeable.isEmpty()) {
                throw e;
            }
            refused = e;
        }
        // The hosts that are on cannot take what must move: standby hosts are woken, the largest
        // first, as many at once as the cluster's whole load needs at least, then one at a time,
        // until a plan keeps every limit, none is left, or the time limit runs out. Each try gets
        // half of what is left, the last one all of it: the first tries, with the fewest hosts
        // the load needs, are the likeliest to keep every limit.
        List<String> woken = new ArrayList<>();
        int first = Wakeable.atLeast(given, policy, wakeable);
        for (Host host : wakeable) {
            woken.add(host.name());
            if (woken.size() < first) {
                continue;
            }
            if (!deadline.hasLeft(MIN_SEARCH)) {
                return bestBeforeTimeOut(policy, plan, refused, woken);
            }
            log.info("policy {}: the hosts that are on leave {}; planning again with {} switched on", policy.name(),
                    plan == null ? refused.getMessage() : plan.summary().unresolved().get(0), woken);
            boolean last = woken.size() == wakeable.size();
            try {
                plan = planWaking(given, policy, woken,
                        deadline.share(last ? deadline.left() : deadline.left().dividedBy(2)));
                if (!Wakeable.leavesBreaches(plan)) {
                    break;
                }
            } catch (NoFeasiblePlacementException e) {
                refused = e;
            }
        }
        if (plan == null) {
            throw refused;
        }
        return plan;
    }

    /**
     * The time limit ran out before a search with the {@code woken} standby hosts could run:
     * the plan found so far, which leaves breaches, or the refusal with the reason added.
     */
    private MigrationPlan bestBeforeTimeOut(Policy policy, MigrationPlan plan, NoFeasiblePlacementException refused,
            List<String> woken) throws NoFeasiblePlacementException {
        String timedOut = String.format(Locale.ROOT, "the time limit of %.1f s ran out before a plan with %s"
                + " switched on could be searched", settings.timeLimit().toMillis() / 1000.0, woken);
        log.warn("policy {}: {}; {}", policy.name(), timedOut,
                plan == null ? "no plan" : "the plan leaves " + plan.summary().unresolved().get(0));
        if (plan != null) {
            return plan;
        }
        List<String> reasons = new ArrayList<>(refused.reasons());
        reasons.add(timedOut);
        throw new NoFeasiblePlacementException(reasons);
    }

    /**
     * The plan with the {@code woken} standby hosts counted as on; those of them the plan puts a
     * VM on are switched on by its first steps, the others are left off.
     */
    private MigrationPlan planWaking(ClusterSnapshot given, Policy policy, List<String> woken, Deadline budget)
            throws NoFeasiblePlacementException {
        ClusterSnapshot asGiven = StaleHosts.leaveAlone(Cooldown.apply(given, policy, clock.instant()));
        ClusterSnapshot snapshot = asGiven;
        for (String host : woken) {
            snapshot = snapshot.withHostState(host, HostState.ACTIVE);
        }
        List<Unresolved> shortfall = Shortfall.of(snapshot, policy);
        if (!shortfall.isEmpty()) {
            if (snapshot.vms().stream().anyMatch(Vm::isNew)) {
                throw new NoFeasiblePlacementException(shortfall.stream().map(Unresolved::toString).toList());
            }
            // Every VM runs somewhere: what cannot be mended stays as it is, named, and the
            // rest is planned. An overload the cluster cannot shed entirely is still relieved.
            log.warn("policy {}: the plan will leave some of this as it is: {}", policy.name(), shortfall);
            snapshot = leaveInPlace(snapshot, Shortfall.fitNowhere(snapshot, policy));
        }
        Goal goal = Goals.registry().of(policy);
        Objective objective = goal.on(snapshot, policy);
        Target target = solve(snapshot, policy, goal, objective, budget, MAX_REPAIRS);
        List<String> homeless = homeless(target);
        if (!homeless.isEmpty()) {
            // A search cut short may leave a VM without a host (a new VM, or one leaving a host
            // in maintenance); ordering such a target would fail, so the plan fails here, saying so.
            throw new NoFeasiblePlacementException(List.of("no host found within the time limit for "
                    + homeless.size() + " VM(s): " + String.join(", ", homeless.subList(0, Math.min(10, homeless.size())))
                    + (homeless.size() > 10 ? " ..." : "")));
        }
        Sequence sequence = Sequencer.of(snapshot, policy, target.placement());
        if (!sequence.dropped().isEmpty()) {
            sequence = retargetAround(snapshot, policy, goal, sequence, budget);
        }
        MigrationPlan plan = planOf(asGiven, snapshot, policy, goal, objective, sequence, target.unpaid(),
                mustMove(snapshot, policy), shortfall, woken);
        Optional<PlanCheck.Problem> problem = PlanCheck.firstProblem(asGiven, policy, plan, clock.instant());
        if (problem.isPresent()) {
            List<String> reasons = new ArrayList<>(List.of("no safe order of migrations: " + problem.get()));
            sequence.dropped().forEach(d -> reasons.add(d.vm() + " " + d.from() + " -> " + d.to() + ": " + d.reason()));
            throw new NoFeasiblePlacementException(reasons);
        }
        return plan;
    }

    /** Where a search stands with its new best placement. */
    private SearchProgress progressOf(ClusterPlacement best, Deadline budget) {
        Set<PlanningHost> used = new HashSet<>();
        int moves = 0;
        for (PlanningVm vm : best.getVms()) {
            if (vm.getHost() != null) {
                used.add(vm.getHost());
            }
            if (vm.isMoved()) {
                moves++;
            }
        }
        return new SearchProgress(budget.elapsed(), settings.timeLimit(),
                String.valueOf(best.getScore()), used.size(), moves);
    }

    /** The solver's target with the moves that did not pay undone, and those moves. */
    private record Target(Placement placement, List<DroppedMove> unpaid) {
    }

    /** A target placement that keeps every hard rule, from the solver within the budget. */
    private Target solve(ClusterSnapshot snapshot, Policy policy, Goal goal, Objective objective, Deadline budget,
            int repairs) throws NoFeasiblePlacementException {
        long temperature = objective.temperature();
        Duration limit = budget.length();
        SolverFactory<ClusterPlacement> factory = SolverFactories.forConstraints(goal.constraints(),
                settings.withTimeLimit(limit), temperature);
        Map<String, Optional<Placement>> starts = objective.startingPoints();
        ClusterPlacement start = startingPoint(snapshot, policy, objective, starts, factory);
        // The budget covers the whole of this search: the solver gets what preparing it left
        // over, less a share for undoing the moves that do not pay and what ordering, checking
        // and explaining the moves takes afterwards (which also covers building the solver, a few
        // milliseconds); at least MIN_SEARCH while that much is left, never more than is left.
        Duration left = budget.left();
        Duration searching = left.minus(limit.dividedBy(PRUNING_SHARE)).minus(finishing(limit, snapshot));
        Duration least = left.compareTo(MIN_SEARCH) < 0 ? left : MIN_SEARCH;
        searching = searching.compareTo(least) < 0 ? least : searching;
        factory = SolverFactories.forConstraints(goal.constraints(),
                settings.withTimeLimit(searching).sizedFor(snapshot.vms().size(), snapshot.hosts().size()), temperature);
        Solver<ClusterPlacement> solver = factory.buildSolver();
        AtomicLong bestAt = new AtomicLong();
        solver.addEventListener(event -> {
            bestAt.set(event.getTimeMillisSpent());
            progressListener.accept(progressOf(event.getNewBestSolution(), budget));
        });
        Duration began = budget.elapsed();
        ClusterPlacement best = solver.solve(start);
        if (solver instanceof DefaultSolver<ClusterPlacement> search) {
            statsListener.accept(new SearchStats(began, searching, Duration.ofMillis(search.getTimeMillisSpent()),
                    Duration.ofMillis(bestAt.get()), search.getSolverScope().getScoreCalculationCount()));
        }
        Breaches breaches = new Breaches(snapshot, policy);
        Placement target = placementOf(best);
        List<Violation> fresh = breaches.newIn(target);
        if (!fresh.isEmpty()) {
            if (breaches.noneNow()) {
                throw new NoFeasiblePlacementException(reasons(fresh));
            }
            // The cluster breaks rules now and the search traded one breach for another (a VM out
            // of maintenance onto a host it overloads): the VMs whose moves broke a rule stay where
            // they are, and the search runs again on what is left.
            Set<String> culprits = culprits(snapshot, target, fresh);
            if (repairs > 0 && !culprits.isEmpty() && budget.hasLeft(MIN_SEARCH)) {
                log.info("policy {}: the search traded a breach for {}; searching again with {} VMs left in place",
                        policy.name(), fresh.get(0), culprits.size());
                ClusterSnapshot kept = leaveInPlace(snapshot, culprits);
                return solve(kept, policy, goal, goal.on(kept, policy), budget.share(limit.dividedBy(REPAIR_SHARE)),
                        repairs - 1);
            }
            log.warn("policy {}: the search's target breaks new rules ({}); falling back", policy.name(),
                    fresh.get(0));
            target = starts.values().stream().flatMap(Optional::stream).filter(p -> breaches.newIn(p).isEmpty())
                    .findFirst().orElse(snapshot.currentPlacement());
        }
        target = objective.cleanUp(target);
        long pruning = System.nanoTime();
        UnpaidMoves.Result paid = UnpaidMoves.drop(factory,
                withPlacement(ProblemBuilder.build(snapshot, policy, objective.prices()), target),
                budget.endNanos(finishing(limit, snapshot)), ticker);
        List<DroppedMove> unpaid = List.of();
        if (breaches.newIn(paid.target()).isEmpty()) {
            target = paid.target();
            unpaid = paid.dropped();
        }
        // The search's own score: scoring the tidied target again would cost a full pass (1 s on
        // 50,000 VMs), and the plan carries that score anyway.
        log.info("policy {}: search found {}; {} moves undone that did not pay ({} ms)", policy.name(),
                best.getScore(), unpaid.size(), (System.nanoTime() - pruning) / 1_000_000);
        return new Target(target, unpaid);
    }

    /** The moved VMs a new breach concerns: those it names, those in the group it names, those moved onto the host it names. */
    private static Set<String> culprits(ClusterSnapshot snapshot, Placement target, List<Violation> fresh) {
        Set<String> where = new HashSet<>();
        fresh.forEach(v -> where.add(v.where()));
        Set<String> inGroups = new HashSet<>();
        snapshot.groups().stream().filter(g -> where.contains(g.name())).forEach(g -> inGroups.addAll(g.vms()));
        Set<String> culprits = new HashSet<>();
        for (Vm vm : snapshot.vms()) {
            String to = target.hostOf(vm.name());
            boolean moved = vm.host() != null && to != null && !to.equals(vm.host());
            if (moved && (where.contains(vm.name()) || where.contains(to) || inGroups.contains(vm.name()))) {
                culprits.add(vm.name());
            }
        }
        return culprits;
    }

    /** The rules the cluster breaks now, to tell them from breaches a placement would add. */
    private static final class Breaches {

        private final ClusterSnapshot snapshot;
        private final Policy policy;
        private final Set<String> now = new HashSet<>();

        Breaches(ClusterSnapshot snapshot, Policy policy) {
            this.snapshot = snapshot;
            this.policy = policy;
            HardRules.check(snapshot, policy, snapshot.currentPlacement()).forEach(v -> now.add(key(v)));
        }

        boolean noneNow() {
            return now.isEmpty();
        }

        /** What the placement breaks that the cluster keeps now. */
        List<Violation> newIn(Placement placement) {
            return HardRules.check(snapshot, policy, placement).stream().filter(v -> !now.contains(key(v))).toList();
        }

        private static String key(Violation violation) {
            return violation.rule() + "@" + violation.where();
        }
    }

    /** The VMs stay where they are, as if pinned: they fit on no host within the limits. */
    private static ClusterSnapshot leaveInPlace(ClusterSnapshot snapshot, Set<String> vms) {
        if (vms.isEmpty()) {
            return snapshot;
        }
        return new ClusterSnapshot(snapshot.hosts(),
                snapshot.vms().stream().map(vm -> vms.contains(vm.name()) ? vm.asPinned() : vm).toList(),
                snapshot.groups());
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
    private Sequence retargetAround(ClusterSnapshot snapshot, Policy policy, Goal goal, Sequence first,
            Deadline budget) {
        if (!budget.hasLeft(MIN_SEARCH)) {
            log.info("policy {}: {} moves cannot be ordered; no time is left to ask for a target without them",
                    policy.name(), first.dropped().size());
            return first;
        }
        Set<String> stuck = new HashSet<>();
        first.dropped().forEach(d -> stuck.add(d.vm()));
        log.info("policy {}: {} moves cannot be ordered; asking for a target without them", policy.name(), stuck.size());
        ClusterSnapshot keepStuck = new ClusterSnapshot(snapshot.hosts(),
                snapshot.vms().stream().map(vm -> stuck.contains(vm.name()) && vm.host() != null ? vm.asPinned() : vm)
                        .toList(),
                snapshot.groups());
        try {
            Target target = solve(keepStuck, policy, goal, goal.on(keepStuck, policy),
                    budget.share(budget.length().dividedBy(3)), MAX_REPAIRS);
            if (!homeless(target).isEmpty()) {
                return first; // cut short before every VM had a host: no better target
            }
            Sequence second = Sequencer.of(snapshot, policy, target.placement());
            return second.dropped().size() < first.dropped().size() ? second : first;
        } catch (NoFeasiblePlacementException e) {
            return first;
        }
    }

    /** The VMs a target leaves without a host (a search cut short), by name. */
    private static List<String> homeless(Target target) {
        return target.placement().hostOfVm().entrySet().stream().filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** True when the cluster breaks a hard rule now, or has new VMs: then a plan is never too small. */
    private static boolean mustMove(ClusterSnapshot snapshot, Policy policy) {
        return !HardRules.check(snapshot, policy, snapshot.currentPlacement()).isEmpty();
    }

    /**
     * The plan on {@code asGiven}, searched on {@code snapshot}, which counts the {@code woken}
     * standby hosts as on: each of them the placement uses is switched on first. Unless the
     * cluster {@code mustMove}, a plan that gains less than the policy's minimum, counted once the
     * power rules have chosen which emptied hosts go off, is emptied; otherwise the moves in
     * {@code unpaid}, undone, are listed as dropped.
     */
    private MigrationPlan planOf(ClusterSnapshot asGiven, ClusterSnapshot snapshot, Policy policy, Goal goal,
            Objective objective, Sequence sequence, List<DroppedMove> unpaid, boolean mustMove,
            List<Unresolved> shortfall, List<String> woken) {
        // Each host the goal advises switching off, and the power rules allow, is switched off as
        // soon as its last VM has left.
        PowerOffChoice.Choice power = powerOffs(snapshot, policy, objective, sequence.reached());
        Optional<String> tooSmall = mustMove ? Optional.empty()
                : objective.tooSmall(sequence.reached(), power.off());
        if (tooSmall.isPresent()) {
            log.info("policy {}: plan emptied: {}", policy.name(), tooSmall.get());
            sequence = new Sequence(List.of(), dropAll(sequence.steps(), tooSmall.get()),
                    snapshot.currentPlacement());
            // Hosts empty already may still go off: that costs no migration.
            power = powerOffs(snapshot, policy, objective, sequence.reached());
        } else if (!unpaid.isEmpty()) {
            List<DroppedMove> dropped = new ArrayList<>(unpaid);
            dropped.addAll(sequence.dropped());
            sequence = new Sequence(sequence.steps(), dropped, sequence.reached());
        }
        Placement placement = sequence.reached();
        Set<String> used = placement.usedHosts();
        List<Step> powerOns = woken.stream().filter(used::contains).map(h -> (Step) new PowerOn(h)).toList();
        power.keptOn().forEach((host, why) ->
                log.info("policy {}: {} is left on, empty: {}", policy.name(), host, why));
        List<Step> steps = new ArrayList<>(powerOns);
        steps.addAll(PowerOffs.insert(Estimates.attach(snapshot, sequence.steps(), migrationModel), power.off()));
        steps = Reasons.attach(asGiven, policy, objective, steps);
        String score = SolutionManager.<ClusterPlacement, HardSoftLongScore>create(
                SolverFactories.forConstraints(goal.constraints(), settings))
                .update(withPlacement(ProblemBuilder.build(snapshot, policy, objective.prices()), placement)).toString();
        return new MigrationPlan(policy.name(), score, placement, steps,
                PlanSummary.of(asGiven, placement, steps, sequence.dropped())
                        .withEfficacy(withKeptOn(objective.efficacy(placement), asGiven, power))
                        .withUnresolved(unresolved(snapshot, policy, placement, shortfall, objective.unresolved(placement))));
    }

    /** Which of the hosts the goal leaves empty in {@code placement} the power rules let the plan switch off. */
    private PowerOffChoice.Choice powerOffs(ClusterSnapshot snapshot, Policy policy, Objective objective,
            Placement placement) {
        return PowerOffChoice.of(snapshot, policy, placement, objective.hostsToSwitchOff(placement), clock.instant());
    }

    /**
     * The goal's figures and, when the power rules keep on hosts the plan empties, their idle
     * watts: the plan's watts saved count every host it leaves without VMs, and these stay on.
     */
    private static List<Figure> withKeptOn(List<Figure> figures, ClusterSnapshot snapshot,
            PowerOffChoice.Choice power) {
        Set<String> usedNow = snapshot.currentPlacement().usedHosts();
        double watts = power.keptOn().keySet().stream().filter(usedNow::contains)
                .mapToDouble(h -> snapshot.host(h).orElseThrow().idleWatts()).sum();
        if (watts == 0) {
            return figures;
        }
        List<Figure> all = new ArrayList<>(figures);
        all.add(new Figure(KEPT_ON, watts, "W"));
        return all;
    }

    /**
     * Why the plan leaves some things as they are (found before the search), then the breaches it
     * leaves, each with what the goal says keeps it (by the host or VM the breach names).
     */
    private static List<Unresolved> unresolved(ClusterSnapshot snapshot, Policy policy, Placement placement,
            List<Unresolved> shortfall, Map<String, String> goalSays) {
        List<Unresolved> left = new ArrayList<>(shortfall);
        for (Violation violation : HardRules.check(snapshot, policy, placement)) {
            String why = goalSays.get(violation.where());
            left.add(new Unresolved(violation.rule(), violation.where(),
                    why == null ? violation.message() : violation.message() + ": " + why));
        }
        return left;
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
            Map<String, Optional<Placement>> starts, SolverFactory<ClusterPlacement> factory) {
        ClusterPlacement best = ProblemBuilder.build(snapshot, policy, objective.prices());
        SolutionManager<ClusterPlacement, HardSoftLongScore> scores = SolutionManager.create(factory);
        HardSoftLongScore bestScore = scores.update(best);
        String from = "current placement";
        for (var candidate : starts.entrySet()) {
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


    private static List<String> reasons(List<Violation> violations) {
        List<String> reasons = new ArrayList<>();
        violations.stream().limit(MAX_REASONS).map(Violation::toString).forEach(reasons::add);
        if (violations.size() > MAX_REASONS) {
            reasons.add("... and " + (violations.size() - MAX_REASONS) + " more");
        }
        return reasons;
    }
}
