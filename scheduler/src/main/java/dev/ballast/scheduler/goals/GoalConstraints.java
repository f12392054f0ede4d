package dev.ballast.scheduler.goals;

import dev.ballast.rules.HardRules;
import dev.ballast.scheduler.solver.MigrationCost;
import java.util.Arrays;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * A goal's constraints for the solver: the hard rules every goal keeps ({@link HardRules}, each
 * defined once with its checks), then the goal's soft constraints, then the price of migrating,
 * which every goal pays.
 */
public abstract class GoalConstraints implements ConstraintProvider {

    @Override
    public final Constraint[] defineConstraints(ConstraintFactory factory) {
        Constraint[] hard = HardRules.constraints(factory);
        Constraint[] soft = soft(factory);
        Constraint[] all = Arrays.copyOf(hard, hard.length + soft.length + 1);
        System.arraycopy(soft, 0, all, hard.length, soft.length);
        all[all.length - 1] = MigrationCost.constraint(factory);
        return all;
    }

    /** The goal's soft constraints. */
    protected abstract Constraint[] soft(ConstraintFactory factory);
}
