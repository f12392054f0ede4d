package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.balance;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.hostWithBridges;
import static dev.ballast.scheduler.Clusters.pinned;
import static dev.ballast.scheduler.Clusters.vm;
import static dev.ballast.scheduler.Clusters.withMaxMigrations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.StartVm;
import dev.ballast.model.Staleness;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;
import dev.ballast.rules.HardRule;
import dev.ballast.rules.HardRules;
import dev.ballast.rules.PlanCheck;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.scheduler.solver.Pricing;
import dev.ballast.scheduler.solver.ProblemBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.SolverConfig;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Each hard rule is defined once and used three ways: as the solver's constraint, as the check of
 * a whole placement, and as the check of one step (for the rules that hold at every moment). For
 * each case below, one step from a cluster that keeps every rule leads to a placement that breaks
 * exactly the rules named; every rule in {@link HardRules#ALL} must then agree in all its uses:
 * the solver's hard score for its constraint is non-zero exactly when the placement check reports
 * it, the step check refuses the step exactly then (continuous rules), and {@link PlanCheck}
 * refuses the one-step plan naming one of the rules broken.
 */
class EveryHardRuleAgreesInAllItsUsesTest {

    /** The solver's hard constraints alone, as every goal's provider lists them. */
    public static final class HardRulesOnly implements ConstraintProvider {

        @Override
        public Constraint[] defineConstraints(ConstraintFactory factory) {
            return HardRules.constraints(factory);
        }
    }

    private static final SolutionManager<ClusterPlacement, HardSoftLongScore> SOLUTIONS =
            SolutionManager.create(SolverFactory.create(new SolverConfig()
                    .withSolutionClass(ClusterPlacement.class)
                    .withEntityClasses(PlanningVm.class)
                    .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                            .withConstraintProviderClass(HardRulesOnly.class)
                            .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))));

    /** The hard rules read no price: the goals' prices are left out. */
    private static final Pricing NO_PRICES = new Pricing() {
        @Override
        public PlanningHost.Prices forHost(Host host) {
            return PlanningHost.Prices.NONE;
        }

        @Override
        public long migrationOf(Vm vm) {
            return 0;
        }
    };

    /** A cluster, one step, and the rules the placement after the step breaks. */
    record Case(String name, ClusterSnapshot cluster, Policy policy, Step step, Set<String> broken) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Host stale = host("h4").withStale(new Staleness(Instant.parse("2026-12-01T00:00:00Z"), "no sample for 5 min"));
        Host otherStorage = new Host("h4", HostState.ACTIVE, host("h4").capacity(), host("h4").migrationLink(),
                Set.of("nfs-other"), Set.of("virbr0"), host("h4").cpu(), host("h4").power(), null);
        Vm streaming = new Vm("s", "h1", 4_096, 2, new Demand(1, 5_000), 20.0, "nfs-vms", Set.of("virbr0"), false);
        Vm streamingToo = new Vm("t", "h2", 4_096, 2, new Demand(1, 5_000), 20.0, "nfs-vms", Set.of("virbr0"), false);
        return Stream.of(
                new Case("a VM moved to a host with room breaks nothing",
                        three(List.of(), vm("a", "h1", 8, 2)), balance(), move("a", "h1", "h2"), Set.of()),
                new Case("a new VM started on a host with room breaks nothing",
                        three(List.of(), vm("n", null, 8, 2)), balance(), new StartVm("n", "h2"), Set.of()),
                new Case("a VM moved onto a host without the memory for it breaks memory",
                        three(List.of(), vm("a", "h1", 30, 1), vm("b", "h2", 40, 1)), balance(),
                        move("a", "h1", "h2"), Set.of("memory")),
                new Case("a VM moved onto a host without the cores for it breaks cpu",
                        three(List.of(), vm("a", "h1", 4, 4), vm("b", "h2", 4, 10)), balance(),
                        move("a", "h1", "h2"), Set.of("cpu")),
                new Case("a VM moved onto a host without the bandwidth for it breaks network",
                        three(List.of(), streaming, streamingToo), balance(), move("s", "h1", "h2"),
                        Set.of("network")),
                new Case("a VM moved onto a host in maintenance breaks host-state",
                        cluster(List.of(host("h1"), host("h2", HostState.MAINTENANCE)), List.of(),
                                vm("a", "h1", 8, 2)), balance(), move("a", "h1", "h2"), Set.of("host-state")),
                new Case("a VM moved onto a host that is off breaks power-state",
                        cluster(List.of(host("h1"), host("h2", HostState.STANDBY)), List.of(),
                                vm("a", "h1", 8, 2)), balance(), move("a", "h1", "h2"), Set.of("power-state")),
                new Case("a host switched off while it holds a VM breaks power-state",
                        three(List.of(), vm("a", "h1", 8, 2)), balance(), new PowerOff("h1"), Set.of("power-state")),
                new Case("an empty host switched off breaks nothing",
                        three(List.of(), vm("a", "h1", 8, 2)), balance(), new PowerOff("h2"), Set.of()),
                new Case("a host that is off switched on breaks nothing",
                        cluster(List.of(host("h1"), host("h2", HostState.STANDBY)), List.of(),
                                vm("a", "h1", 8, 2)), balance(), new PowerOn("h2"), Set.of()),
                new Case("a VM moved onto a stale host breaks stale",
                        cluster(List.of(host("h1"), stale), List.of(), vm("a", "h1", 8, 2)), balance(),
                        move("a", "h1", "h4"), Set.of("stale")),
                new Case("a VM moved away from a stale host that keeps its others breaks nothing",
                        cluster(List.of(host("h1"), stale), List.of(), vm("a", "h4", 8, 2), vm("b", "h4", 8, 2)),
                        balance(), move("a", "h4", "h1"), Set.of()),
                new Case("a VM moved onto a host that does not mount its storage breaks storage",
                        cluster(List.of(host("h1"), otherStorage), List.of(), vm("a", "h1", 8, 2)), balance(),
                        move("a", "h1", "h4"), Set.of("storage")),
                new Case("a VM moved onto a host without its bridge breaks bridges",
                        cluster(List.of(host("h1"), hostWithBridges("h4", Set.of("br-other"))), List.of(),
                                vm("a", "h1", 8, 2)), balance(), move("a", "h1", "h4"), Set.of("bridges")),
                new Case("a pinned VM moved breaks pinned",
                        three(List.of(), pinned("p", "h1", 8, 2)), balance(), move("p", "h1", "h2"),
                        Set.of("pinned")),
                new Case("a VM moved next to another of its anti-affinity group breaks anti-affinity",
                        three(List.of(new Group("db", GroupRule.ANTI_AFFINITY, List.of("a", "b"))),
                                vm("a", "h1", 8, 2), vm("b", "h2", 8, 2)), balance(), move("a", "h1", "h2"),
                        Set.of("anti-affinity")),
                new Case("a VM moved away from its affinity group breaks affinity (at the end only)",
                        three(List.of(new Group("web", GroupRule.AFFINITY, List.of("a", "b"))),
                                vm("a", "h1", 8, 2), vm("b", "h1", 8, 2)), balance(), move("a", "h1", "h2"),
                        Set.of("affinity")),
                new Case("a VM moved under a cap of no migrations breaks max-migrations (at the end only)",
                        three(List.of(), vm("a", "h1", 8, 2)), withMaxMigrations(balance(), 0),
                        move("a", "h1", "h2"), Set.of("max-migrations")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRuleAgreesInTheSolverThePlacementCheckAndTheStepCheck(Case c) {
        ClusterState start = ClusterState.current(c.cluster(), c.policy());
        ClusterState end = ClusterState.current(c.cluster(), c.policy());
        c.step().applyTo(end);
        Map<String, Long> solverHard = solverHardScoreByRule(end);
        Set<String> placementBroken = new TreeSet<>();

        for (HardRule rule : HardRules.ALL) {
            boolean byPlacement = !rule.check(end).isEmpty();
            boolean bySolver = solverHard.getOrDefault(rule.id(), 0L) != 0;
            assertThat(bySolver).as("%s: the solver agrees with the placement check", rule.id())
                    .isEqualTo(byPlacement);
            if (rule.continuous()) {
                assertThat(rule.whyNot(start, c.step()).isPresent())
                        .as("%s: the step check agrees with the placement check", rule.id())
                        .isEqualTo(byPlacement);
            }
            if (byPlacement) {
                placementBroken.add(rule.id());
            }
        }
        assertThat(placementBroken).isEqualTo(new TreeSet<>(c.broken()));
        Optional<PlanCheck.Problem> refused = PlanCheck.firstProblem(c.cluster(), c.policy(), onePlan(c, end));
        if (c.broken().isEmpty()) {
            assertThat(refused).as("the plan check").isEmpty();
        } else {
            assertThat(refused).as("the plan check").hasValueSatisfying(
                    problem -> assertThat(c.broken()).anyMatch(id -> problem.reason().startsWith(id + ": ")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aStepBreakingOnlyEndRulesIsRefusedAtTheEndOfThePlan(Case c) {
        boolean onlyAtEnd = !c.broken().isEmpty() && c.broken().stream()
                .allMatch(id -> !HardRules.byId(id).orElseThrow().continuous());
        if (onlyAtEnd) {
            ClusterState start = ClusterState.current(c.cluster(), c.policy());
            assertThat(start.whyNotStep(c.step())).isEmpty();
            ClusterState end = ClusterState.current(c.cluster(), c.policy());
            c.step().applyTo(end);
            assertThat(PlanCheck.firstProblem(c.cluster(), c.policy(), onePlan(c, end)))
                    .hasValueSatisfying(problem -> assertThat(problem.step()).isZero());
        }
    }

    @Test
    void aNewVmLeftUnplacedBreaksUnplacedInTheSolverAndThePlacementCheck() {
        ClusterSnapshot cluster = three(List.of(), vm("a", "h1", 8, 2), vm("n", null, 8, 2));
        ClusterState state = ClusterState.current(cluster, balance());

        assertThat(HardRules.UNPLACED.check(state)).singleElement()
                .satisfies(v -> assertThat(v.toString()).isEqualTo("unplaced: n is on no host"));
        assertThat(solverHardScoreByRule(state)).containsEntry("unplaced", -8_192L);
        assertThat(HardRules.check(state)).extracting(v -> v.rule()).containsOnly("unplaced");
    }

    @Test
    void theTableBreaksEveryRuleAndEveryIdIsUnique() {
        Set<String> broken = new HashSet<>(Set.of(HardRules.UNPLACED.id()));
        cases().forEach(c -> broken.addAll(c.broken()));
        Set<String> ids = new HashSet<>();
        for (HardRule rule : HardRules.ALL) {
            assertThat(ids.add(rule.id())).as("ids are unique: %s", rule.id()).isTrue();
        }
        // The solver's score is looked up by rule id above, so each constraint is named after its rule.
        assertThat(broken).isEqualTo(ids);
    }

    /** The solver's hard score for each rule's constraint, on the state's placement and host power. */
    private static Map<String, Long> solverHardScoreByRule(ClusterState state) {
        ScoreExplanation<ClusterPlacement, HardSoftLongScore> explanation = SOLUTIONS.explain(solution(state));
        Map<String, Long> byRule = new HashMap<>();
        explanation.getConstraintMatchTotalMap().values()
                .forEach(total -> byRule.put(total.getConstraintName(), total.getScore().hardScore()));
        return byRule;
    }

    /**
     * The state as the solver sees it: hosts switched off or on by steps in their new state, and
     * every VM exactly where the state has it (the planner's own problem would start VMs on a
     * host that must be emptied unplaced).
     */
    private static ClusterPlacement solution(ClusterState state) {
        ClusterSnapshot snapshot = state.snapshot();
        for (Host host : snapshot.hosts()) {
            if (state.stateOf(host.name()) != host.state()) {
                snapshot = snapshot.withHostState(host.name(), state.stateOf(host.name()));
            }
        }
        ClusterPlacement problem = ProblemBuilder.build(snapshot, state.policy(), NO_PRICES, state.placement());
        Map<String, PlanningHost> hosts = new HashMap<>();
        problem.getHosts().forEach(h -> hosts.put(h.getName(), h));
        Function<String, PlanningHost> hostOf = vm -> state.hostOf(vm) == null ? null : hosts.get(state.hostOf(vm));
        problem.getVms().forEach(vm -> vm.setHost(hostOf.apply(vm.getName())));
        return problem;
    }

    private static MigrationPlan onePlan(Case c, ClusterState end) {
        return new MigrationPlan(c.policy().name(), "0hard/0soft", end.placement(), List.of(c.step()), null);
    }

    private static Step move(String vm, String from, String to) {
        return new Migration(vm, from, to);
    }

    private static ClusterSnapshot three(List<Group> groups, Vm... vms) {
        return cluster(List.of(host("h1"), host("h2"), host("h3")), groups, vms);
    }

    private static ClusterSnapshot cluster(List<Host> hosts, List<Group> groups, Vm... vms) {
        return new ClusterSnapshot(hosts, List.of(vms), groups);
    }
}
