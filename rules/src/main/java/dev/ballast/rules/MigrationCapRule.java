package dev.ballast.rules;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.count;
import static org.optaplanner.core.api.score.stream.Joiners.filtering;

import dev.ballast.model.Policy;
import dev.ballast.rules.solver.MigrationCap;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.List;

/**
 * No more VMs moved than the policy's {@code maxMigrations}. A count over the whole plan, so it
 * is checked on the end state only and no single step is refused by it (greedy starting points
 * keep to it themselves). Every move too many weighs {@link HardRules#GROUP_BREACH}.
 */
final class MigrationCapRule implements HardRule {

    @Override
    public String id() {
        return "max-migrations";
    }

    @Override
    public boolean continuous() {
        return false;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(PlanningVm::isMoved)
                .groupBy(count())
                .join(MigrationCap.class, filtering((moves, cap) -> moves > cap.maxMigrations()))
                .penalizeLong(HardSoftLongScore.ONE_HARD,
                        (moves, cap) -> (moves - cap.maxMigrations()) * HardRules.GROUP_BREACH)
                .asConstraint(id());
    }

    @Override
    public List<Violation> check(ClusterState state) {
        Policy policy = state.policy();
        if (policy.maxMigrations() == null) {
            return List.of();
        }
        long moves = state.snapshot().vms().stream()
                .filter(vm -> vm.host() != null && !vm.host().equals(state.hostOf(vm.name())))
                .count();
        if (moves <= policy.maxMigrations()) {
            return List.of();
        }
        return List.of(new Violation(id(), policy.name(), "the placement needs " + moves
                + " migrations, over the policy's maxMigrations of " + policy.maxMigrations()));
    }
}
