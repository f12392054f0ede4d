package dev.ballast.scheduler.solver;

import dev.ballast.rules.HardRules;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * The solver's constraints for a goal: every hard rule ({@link HardRules#constraints}, defined
 * once in the rules module with its checks), the goal's soft constraints from the subclasses, and
 * the cost of each migration.
 */
abstract class HardConstraints implements ConstraintProvider {

    @Override
    public final Constraint[] defineConstraints(ConstraintFactory factory) {
        Constraint[] hard = HardRules.constraints(factory);
        Constraint[] goal = goal(factory);
        Constraint[] all = java.util.Arrays.copyOf(hard, hard.length + goal.length + 1);
        System.arraycopy(goal, 0, all, hard.length, goal.length);
        all[all.length - 1] = migrationCost(factory);
        return all;
    }

    /** The soft constraints of the policy's goal. */
    abstract Constraint[] goal(ConstraintFactory factory);

    /** Every move costs in proportion to the memory it copies, so nothing moves without a reason. */
    Constraint migrationCost(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(PlanningVm::isMoved)
                .penalizeLong(HardSoftLongScore.ONE_SOFT, PlanningVm::getMigrationPrice)
                .asConstraint(ConstraintNames.MIGRATION_COST);
    }
}
