package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A host is not switched off when it is the last host that is on (active, figures fresh) to
 * mount a storage, or to have a bridge, that some VM of the cluster needs: that VM could
 * otherwise run nowhere until a host is woken.
 */
final class LastStorageHost implements PowerRule {

    @Override
    public String id() {
        return "last-storage-host";
    }

    @Override
    public Optional<Violation> whyNotOff(ClusterState state, String hostName) {
        Host host = state.host(hostName);
        Set<String> storage = new TreeSet<>();
        Set<String> bridges = new TreeSet<>();
        for (Vm vm : state.snapshot().vms()) {
            if (vm.storage() != null && host.storage().contains(vm.storage())) {
                storage.add(vm.storage());
            }
            vm.bridges().stream().filter(host.bridges()::contains).forEach(bridges::add);
        }
        for (Host other : state.snapshot().hosts()) {
            if (!other.name().equals(hostName) && state.receives(other.name())) {
                storage.removeAll(other.storage());
                bridges.removeAll(other.bridges());
            }
        }
        if (!storage.isEmpty()) {
            return Optional.of(new Violation(id(), hostName, hostName + " is the last host on that mounts storage "
                    + String.join(", ", storage) + ", which VMs need"));
        }
        if (!bridges.isEmpty()) {
            return Optional.of(new Violation(id(), hostName, hostName + " is the last host on with bridge "
                    + String.join(", ", bridges) + ", which VMs need"));
        }
        return Optional.empty();
    }
}
