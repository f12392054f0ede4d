package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.Optional;

/** A VM runs only on a host with all its bridges; each missing bridge weighs the VM's memory. */
final class BridgesPresent extends VmRule {

    @Override
    public String id() {
        return "bridges";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> vm.getMissingBridges() > 0)
                .penalizeLong(HardSoftLongScore.ONE_HARD, vm -> vm.getMissingBridges() * vm.getMemoryMiB())
                .asConstraint(id());
    }

    @Override
    Optional<Violation> breach(ClusterState state, Vm vm, Host host) {
        if (host.bridges().containsAll(vm.bridges())) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), host.name() + " lacks bridges " + vm.bridges()
                + " that " + vm.name() + " needs"));
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        if (host.bridges().containsAll(vm.bridges())) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), host.name() + " lacks bridges " + vm.bridges()
                + " that " + vm.name() + " needs (has " + host.bridges() + ")"));
    }
}
