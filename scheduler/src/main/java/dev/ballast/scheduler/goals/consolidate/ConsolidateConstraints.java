package dev.ballast.scheduler.goals.consolidate;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.scheduler.goals.GoalConstraints;
import dev.ballast.scheduler.solver.ConstraintNames;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

/**
 * Consolidation: keep as few watts on as possible. The price of the hosts kept on is the
 * objective; the packing reward grades the landscape between two host counts, so that local
 * search sees progress while it drains a host VM by VM. The reward grows with the square of each
 * host's absolute load, so moving load to a host that already carries more always pays, and
 * large hosts, which can carry the most, fill first.
 */
public class ConsolidateConstraints extends GoalConstraints {

    @Override
    protected Constraint[] soft(ConstraintFactory factory) {
        return new Constraint[] {hostPower(factory), packing(factory)};
    }

    Constraint hostPower(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost)
                .penalizeLong(HardSoftLongScore.ONE_SOFT, PlanningHost::getKeptOnPrice)
                .asConstraint(ConstraintNames.HOST_POWER);
    }

    Constraint packing(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(PlanningVm::getCpuMillis), sumLong(PlanningVm::getMemoryMiB),
                        sumLong(PlanningVm::getNetworkKbps))
                .rewardLong(HardSoftLongScore.ONE_SOFT, PlanningHost::squaredLoadPrice)
                .asConstraint(ConstraintNames.PACKING);
    }
}
