package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.Optional;

/**
 * A pinned VM stays on its host. The solver never moves one (it is a planning pin); the
 * constraint still weighs a pinned VM elsewhere by its memory, so that a placement from outside
 * the solver is scored like any other.
 */
final class Pinned extends VmRule {

    @Override
    public String id() {
        return "pinned";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> vm.isPinned() && vm.getHost() != vm.getOriginalHost())
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(id());
    }

    @Override
    Optional<Violation> breach(ClusterState state, Vm vm, Host host) {
        if (!vm.pinned() || stays(vm, host)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), vm.name(), vm.name() + " is pinned to " + vm.host()
                + " but placed on " + host.name()));
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        if (!vm.pinned() || stays(vm, host)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), vm.name(), vm.name() + " is pinned to " + vm.host()));
    }
}
