package dev.ballast.scheduler.goals.balance;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.scheduler.goals.GoalConstraints;
import dev.ballast.scheduler.solver.ConstraintNames;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

/**
 * Balance: spread the load evenly over the active hosts. The price of a host's load grows with
 * its square, so moving load from a fuller host to an emptier one always pays; each resource is
 * normalised by capacity, so cores, MiB and Mb/s weigh alike.
 */
public class BalanceConstraints extends GoalConstraints {

    @Override
    protected Constraint[] soft(ConstraintFactory factory) {
        return new Constraint[] {loadSpreadEvenly(factory), noHotSpots(factory)};
    }

    /**
     * The sum of squares tolerates one hot host among many even ones; operators do not. Load
     * beyond the mean utilisation plus a margin is charged on top, per unit of excess.
     */
    Constraint noHotSpots(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(PlanningVm::getCpuMillis), sumLong(PlanningVm::getMemoryMiB),
                        sumLong(PlanningVm::getNetworkKbps))
                .filter((host, cpu, memory, network) -> host.isActive() && host.hotSpotPrice(cpu, memory, network) > 0)
                .penalizeLong(HardSoftLongScore.ONE_SOFT, PlanningHost::hotSpotPrice)
                .asConstraint(ConstraintNames.HOT_SPOT);
    }

    Constraint loadSpreadEvenly(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(PlanningVm::getCpuMillis), sumLong(PlanningVm::getMemoryMiB),
                        sumLong(PlanningVm::getNetworkKbps))
                .filter((host, cpu, memory, network) -> host.isActive())
                .penalizeLong(HardSoftLongScore.ONE_SOFT, PlanningHost::squaredLoadPrice)
                .asConstraint(ConstraintNames.SPREAD);
    }
}
