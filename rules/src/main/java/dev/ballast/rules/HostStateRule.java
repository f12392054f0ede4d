package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.Optional;

/**
 * A host in maintenance must be emptied and receives nothing: each VM on it weighs its memory.
 * A host that is off is {@link PowerState}'s concern.
 */
final class HostStateRule extends VmRule {

    @Override
    public String id() {
        return "host-state";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> !vm.getHost().isActive() && !vm.getHost().isOff())
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(id());
    }

    @Override
    Optional<Violation> breach(ClusterState state, Vm vm, Host host) {
        HostState now = state.stateOf(host.name());
        if (now == HostState.ACTIVE || now == HostState.STANDBY) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), vm.name() + " is on " + host.name() + ", which is in "
                + now.key()));
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        HostState now = state.stateOf(host.name());
        if (now == HostState.ACTIVE || now == HostState.STANDBY) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), vm.name() + " may not go to " + host.name()
                + ", which is in " + now.key()));
    }
}
