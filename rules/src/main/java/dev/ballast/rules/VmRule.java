package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.Vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A rule about where each VM may be: the placement check asks it of every placed VM in turn. */
abstract class VmRule implements HardRule {

    @Override
    public List<Violation> check(ClusterState state) {
        List<Violation> violations = new ArrayList<>();
        for (Vm vm : state.snapshot().vms()) {
            String hostName = state.hostOf(vm.name());
            Host host = hostName == null ? null : state.host(hostName);
            if (host != null) {
                breach(state, vm, host).ifPresent(violations::add);
            }
        }
        return violations;
    }

    /** The breach of {@code vm} being on {@code host}, said of a placement. */
    abstract Optional<Violation> breach(ClusterState state, Vm vm, Host host);

    /** True when {@code vm} was placed on {@code host} in the snapshot, so staying there is no change. */
    static boolean stays(Vm vm, Host host) {
        return host.name().equals(vm.host());
    }
}
