package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.Optional;

/**
 * A host whose figures are out of date may be full for all we know: it keeps its VMs and
 * receives none. A VM moved onto it weighs its memory.
 */
final class StaleHost extends VmRule {

    @Override
    public String id() {
        return "stale";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(PlanningVm::isMovedOntoStaleHost)
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(id());
    }

    @Override
    Optional<Violation> breach(ClusterState state, Vm vm, Host host) {
        if (!host.isStale() || stays(vm, host)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), vm.name() + " is placed on " + host.name()
                + ", whose figures are stale: " + host.stale().reason()));
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        if (!host.isStale() || stays(vm, host)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), vm.name() + " may not go to " + host.name()
                + ", whose figures are stale since " + host.stale().since() + ": " + host.stale().reason()));
    }
}
