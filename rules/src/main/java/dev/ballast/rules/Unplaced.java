package dev.ballast.rules;

import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Every VM is on a host of the cluster; an unplaced VM weighs its memory. No step can break it
 * (a step always names a host, and {@link PlanCheck} refuses a host the snapshot lacks), so its
 * step check finds nothing; it matters for new VMs and hand-written placements.
 */
final class Unplaced implements HardRule {

    @Override
    public String id() {
        return "unplaced";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEachIncludingNullVars(PlanningVm.class)
                .filter(vm -> vm.getHost() == null)
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(id());
    }

    @Override
    public List<Violation> check(ClusterState state) {
        List<Violation> violations = new ArrayList<>();
        for (Vm vm : state.snapshot().vms()) {
            String hostName = state.hostOf(vm.name());
            if (hostName == null || state.host(hostName) == null) {
                violations.add(new Violation(id(), vm.name(), vm.name() + " is on no host"
                        + (hostName == null ? "" : " (no host named " + hostName + ")")));
            }
        }
        return violations;
    }
}
