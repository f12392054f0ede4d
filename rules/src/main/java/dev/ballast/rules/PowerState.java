package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerStep;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.Optional;

/**
 * A host that is off (in standby, or switched off by an earlier step) holds no VM and receives
 * none; a host is switched off only when it holds no VM and its figures are fresh (a stale host
 * may run VMs the snapshot does not show), and switched on only when it is off. The solver sees
 * a host that is off as one whose every VM weighs its memory.
 */
final class PowerState extends VmRule {

    @Override
    public String id() {
        return "power-state";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> vm.getHost().isOff())
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(id());
    }

    @Override
    Optional<Violation> breach(ClusterState state, Vm vm, Host host) {
        if (state.stateOf(host.name()) != HostState.STANDBY) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), vm.name() + " is on " + host.name()
                + ", which is in " + HostState.STANDBY.key()));
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        if (state.stateOf(host.name()) != HostState.STANDBY) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), vm.name() + " may not go to " + host.name()
                + ", which is in " + HostState.STANDBY.key()));
    }

    @Override
    public Optional<Violation> whyNotPower(ClusterState state, PowerStep step) {
        String hostName = step.host();
        HostState now = state.stateOf(hostName);
        if (!(step instanceof PowerOff)) {
            return now == HostState.STANDBY ? Optional.empty() : Optional.of(new Violation(id(), hostName,
                    hostName + " is not off: it is in " + now.key()));
        }
        if (state.holdsVms(hostName)) {
            return Optional.of(new Violation(id(), hostName, hostName + " still holds " + state.vmsOn(hostName)
                    + ": a host is switched off only when it holds no VM"));
        }
        Host host = state.host(hostName);
        if (host.isStale()) {
            return Optional.of(new Violation(id(), hostName, hostName
                    + " may run VMs the snapshot does not show: its figures are stale: " + host.stale().reason()));
        }
        if (now == HostState.STANDBY) {
            return Optional.of(new Violation(id(), hostName, hostName + " is already off"));
        }
        return Optional.empty();
    }
}
