package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Limits;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A placement check written apart from the code under test (no ClusterState, no rules module):
 * plain first fit of a failed host's VMs, in the snapshot's order, onto the other active hosts
 * in the snapshot's order, under the limits, storage, bridges, anti-affinity and affinity. What
 * it can re-place, the what-if must call absorbable; and every restart the what-if names must
 * pass {@link #valid}.
 */
final class IndependentFirstFit {

    private final ClusterSnapshot snapshot;
    private final Limits limits;

    IndependentFirstFit(ClusterSnapshot snapshot, Limits limits) {
        this.snapshot = snapshot;
        this.limits = limits;
    }

    /** Where first fit restarts the failed hosts' VMs; null when it strands one. */
    Map<String, String> place(Set<String> failed) {
        Map<String, Resources> load = new HashMap<>();
        Map<String, String> where = new HashMap<>();
        for (Vm vm : snapshot.vms()) {
            if (vm.host() != null && !failed.contains(vm.host())) {
                load.merge(vm.host(), vm.usage(), Resources::plus);
                where.put(vm.name(), vm.host());
            }
        }
        Map<String, String> placed = new LinkedHashMap<>();
        for (Vm vm : snapshot.vms()) {
            if (vm.host() == null || !failed.contains(vm.host())) {
                continue;
            }
            String chosen = null;
            for (Host host : snapshot.hosts()) {
                if (failed.contains(host.name()) || !allowed(vm, host, load, where)) {
                    continue;
                }
                chosen = host.name();
                break;
            }
            if (chosen == null) {
                return null;
            }
            load.merge(chosen, vm.usage(), Resources::plus);
            where.put(vm.name(), chosen);
            placed.put(vm.name(), chosen);
        }
        return placed;
    }

    /** True when the restarts, applied together, keep every rule this check knows. */
    boolean valid(Set<String> failed, Map<String, String> restarts) {
        return valid(failed, Map.of(), restarts);
    }

    /**
     * As {@link #valid(Set, Map)}, after {@code moves} of VMs on the hosts left, in their order,
     * each allowed in the state the ones before it leave.
     */
    boolean valid(Set<String> failed, Map<String, String> moves, Map<String, String> restarts) {
        Map<String, Resources> load = new HashMap<>();
        Map<String, String> where = new HashMap<>();
        for (Vm vm : snapshot.vms()) {
            if (vm.host() != null && !failed.contains(vm.host())) {
                load.merge(vm.host(), vm.usage(), Resources::plus);
                where.put(vm.name(), vm.host());
            }
        }
        Set<String> toPlace = new HashSet<>();
        snapshot.vms().stream().filter(vm -> vm.host() != null && failed.contains(vm.host()))
                .forEach(vm -> toPlace.add(vm.name()));
        if (!toPlace.equals(restarts.keySet())) {
            return false;
        }
        for (Map.Entry<String, String> move : moves.entrySet()) {
            Vm vm = snapshot.vm(move.getKey()).orElseThrow();
            Host host = snapshot.host(move.getValue()).orElseThrow();
            String from = where.remove(vm.name());
            if (from == null || failed.contains(host.name())) {
                return false;
            }
            load.merge(from, vm.usage(), Resources::minus);
            if (!allowed(vm, host, load, where)) {
                return false;
            }
            load.merge(host.name(), vm.usage(), Resources::plus);
            where.put(vm.name(), host.name());
        }
        for (Map.Entry<String, String> restart : restarts.entrySet()) {
            Vm vm = snapshot.vm(restart.getKey()).orElseThrow();
            Host host = snapshot.host(restart.getValue()).orElseThrow();
            if (failed.contains(host.name()) || !allowed(vm, host, load, where)) {
                return false;
            }
            load.merge(host.name(), vm.usage(), Resources::plus);
            where.put(vm.name(), host.name());
        }
        return true;
    }

    private boolean allowed(Vm vm, Host host, Map<String, Resources> load, Map<String, String> where) {
        if (!host.isActive() || host.isStale()) {
            return false;
        }
        if (vm.storage() != null && !host.storage().contains(vm.storage()) || !host.bridges().containsAll(vm.bridges())) {
            return false;
        }
        Resources after = load.getOrDefault(host.name(), Resources.ZERO).plus(vm.usage());
        Resources cap = host.capacity();
        if (after.cpu() > cap.cpu() * limits.cpu() + 1e-9
                || after.memoryMiB() > (long) Math.floor(cap.memoryMiB() * limits.memory())
                || after.networkMbps() > cap.networkMbps() * limits.network() + 1e-9) {
            return false;
        }
        for (Group group : snapshot.groups()) {
            if (!group.vms().contains(vm.name())) {
                continue;
            }
            for (String other : group.vms()) {
                String otherHost = where.get(other);
                if (other.equals(vm.name()) || otherHost == null) {
                    continue;
                }
                if (group.rule() == GroupRule.ANTI_AFFINITY && otherHost.equals(host.name())
                        || group.rule() == GroupRule.AFFINITY && !otherHost.equals(host.name())) {
                    return false;
                }
            }
        }
        return true;
    }

    List<Host> activeHosts() {
        return snapshot.hosts().stream().filter(Host::isActive).toList();
    }
}
