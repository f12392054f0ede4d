package dev.ballast.scheduler.solver;

import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

/** The price of migrating, which every goal pays: each move costs in proportion to the memory it copies. */
public final class MigrationCost {

    private MigrationCost() {
    }

    /** Every move costs its price, so nothing moves without a reason. */
    public static Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(PlanningVm::isMoved)
                .penalizeLong(HardSoftLongScore.ONE_SOFT, PlanningVm::getMigrationPrice)
                .asConstraint(ConstraintNames.MIGRATION_COST);
    }
}
