package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.Optional;

/** A VM runs only on a host that mounts its storage; a VM where it may not be weighs its memory. */
final class StorageMounted extends VmRule {

    @Override
    public String id() {
        return "storage";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> !vm.isOnStorageItNeeds())
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(id());
    }

    @Override
    Optional<Violation> breach(ClusterState state, Vm vm, Host host) {
        return whyNotPut(state, vm, host);
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        if (vm.storage() == null || host.storage().contains(vm.storage())) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), host.name() + " does not mount storage " + vm.storage()
                + " that " + vm.name() + " needs"));
    }
}
