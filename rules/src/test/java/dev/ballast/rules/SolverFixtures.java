package dev.ballast.rules;

import dev.ballast.rules.solver.MigrationCap;
import dev.ballast.rules.solver.PlanningGroup;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

import java.util.List;
import java.util.Set;

/**
 * Builders for the solver's hosts and VMs, with round figures that make expected scores easy to
 * read, and a planning solution of the tests' own (the scheduler's stays there).
 */
final class SolverFixtures {

    static final PlanningHost.Prices NO_PRICES = PlanningHost.Prices.NONE;

    private SolverFixtures() {
    }

    /** The hard rules' constraints alone. */
    public static final class HardRulesOnly implements ConstraintProvider {

        @Override
        public Constraint[] defineConstraints(ConstraintFactory factory) {
            return HardRules.constraints(factory);
        }
    }

    /** A cluster as the solver sees it, for {@code ConstraintVerifier}. */
    @PlanningSolution
    public static class Placement {

        @ValueRangeProvider
        @ProblemFactCollectionProperty
        private List<PlanningHost> hosts;
        @ProblemFactCollectionProperty
        private List<PlanningGroup> groups;
        @ProblemFactProperty
        private MigrationCap migrationCap;
        @PlanningEntityCollectionProperty
        private List<PlanningVm> vms;
        @PlanningScore
        private HardSoftLongScore score;

        public Placement() {
            // for OptaPlanner
        }
    }

    /** An active host mounting {@code nfs-vms} with bridge {@code virbr0}. */
    static PlanningHost host(String name, long cpuMillis, long memoryMiB, long networkKbps) {
        return new PlanningHost(name, true, cpuMillis, memoryMiB, networkKbps, Set.of("nfs-vms"), Set.of("virbr0"),
                NO_PRICES);
    }

    static PlanningHost host(String name) {
        return host(name, 32_000, 131_072, 10_000_000);
    }

    static PlanningHost inactiveHost(String name) {
        return new PlanningHost(name, false, 32_000, 131_072, 10_000_000, Set.of("nfs-vms"), Set.of("virbr0"),
                NO_PRICES);
    }

    static PlanningHost hostWith(String name, Set<String> storage, Set<String> bridges) {
        return new PlanningHost(name, true, 32_000, 131_072, 10_000_000, storage, bridges, NO_PRICES);
    }

    /** A VM needing {@code nfs-vms} and {@code virbr0}, that started on {@code host}. */
    static PlanningVm vm(String name, long cpuMillis, long memoryMiB, long networkKbps, PlanningHost host) {
        return new PlanningVm(name, cpuMillis, memoryMiB, networkKbps, "nfs-vms", Set.of("virbr0"), false,
                memoryMiB / 1024 * 100, host);
    }

    static PlanningVm vm(String name, PlanningHost host) {
        return vm(name, 1_000, 4_096, 100_000, host);
    }

    /** A VM that started on {@code from} and is now on {@code to}. */
    static PlanningVm moved(String name, PlanningHost from, PlanningHost to) {
        PlanningVm vm = vm(name, from);
        vm.setHost(to);
        return vm;
    }
}
