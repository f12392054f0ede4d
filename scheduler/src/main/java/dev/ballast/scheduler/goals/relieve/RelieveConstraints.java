package dev.ballast.scheduler.goals.relieve;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import dev.ballast.scheduler.goals.GoalConstraints;
import dev.ballast.scheduler.solver.ConstraintNames;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

/**
 * Relieve: the hard rules bring every host within its limits, and the price of migrating keeps
 * everything else where it is. The one soft term of its own only breaks ties: of two moves that
 * cost the same, the one that leaves its destination coolest.
 */
public class RelieveConstraints extends GoalConstraints {

    @Override
    protected Constraint[] soft(ConstraintFactory factory) {
        return new Constraint[] {destinationsLeftCool(factory)};
    }

    /** The sum of squared utilisation, at {@link RelievePrices#COOLNESS_SCALE}: lowest when load goes where there is most room. */
    Constraint destinationsLeftCool(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(PlanningVm::getCpuMillis), sumLong(PlanningVm::getMemoryMiB),
                        sumLong(PlanningVm::getNetworkKbps))
                .filter((host, cpu, memory, network) -> host.isActive())
                .penalizeLong(HardSoftLongScore.ONE_SOFT, PlanningHost::squaredLoadPrice)
                .asConstraint(ConstraintNames.COOLEST);
    }
}
