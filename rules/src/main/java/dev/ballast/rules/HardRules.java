package dev.ballast.rules;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a whole placement against every hard rule of a policy, without the solver: the
 * solver's score is never taken on trust. Lists every violation, so that an infeasible result
 * says which resource or rule is short, and where.
 */
public final class HardRules {

    private HardRules() {
    }

    /** Every hard rule the placement breaks; empty when it keeps them all. */
    public static List<Violation> check(ClusterSnapshot snapshot, Policy policy, Placement placement) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Host> hosts = snapshot.hostsByName();
        for (Vm vm : snapshot.vms()) {
            checkVm(vm, placement.hostOf(vm.name()), hosts, violations);
        }
        Map<String, Resources> load = placement.loadByHost(snapshot);
        load.forEach((name, used) -> {
            Host host = hosts.get(name);
            if (host != null) {
                Limits.overLimit(host, used, policy).ifPresent(violations::add);
            }
        });
        for (Group group : snapshot.groups()) {
            checkGroup(group, placement).ifPresent(violations::add);
        }
        checkMigrationCap(snapshot, policy, placement).ifPresent(violations::add);
        return violations;
    }

    private static void checkVm(Vm vm, String hostName, Map<String, Host> hosts, List<Violation> violations) {
        Host host = hostName == null ? null : hosts.get(hostName);
        if (host == null) {
            violations.add(new Violation("unplaced", vm.name(), vm.name() + " is on no host"
                    + (hostName == null ? "" : " (no host named " + hostName + ")")));
            return;
        }
        if (vm.pinned() && !hostName.equals(vm.host())) {
            violations.add(new Violation("pinned", vm.name(), vm.name() + " is pinned to " + vm.host()
                    + " but placed on " + hostName));
        }
        if (host.isStale() && !hostName.equals(vm.host())) {
            violations.add(new Violation("stale", hostName, vm.name() + " is placed on " + hostName
                    + ", whose figures are stale: " + host.stale().reason()));
        }
        if (!host.isActive()) {
            violations.add(new Violation("host-state", hostName, vm.name() + " is on " + hostName + ", which is in "
                    + host.state().key()));
        }
        if (vm.storage() != null && !host.storage().contains(vm.storage())) {
            violations.add(new Violation("storage", hostName, hostName + " does not mount storage " + vm.storage()
                    + " that " + vm.name() + " needs"));
        }
        if (!host.bridges().containsAll(vm.bridges())) {
            violations.add(new Violation("bridges", hostName, hostName + " lacks bridges " + vm.bridges() + " that "
                    + vm.name() + " needs"));
        }
    }

    private static Optional<Violation> checkGroup(Group group, Placement placement) {
        Map<String, List<String>> vmsByHost = new HashMap<>();
        for (String vm : group.vms()) {
            String host = placement.hostOf(vm);
            if (host != null) {
                vmsByHost.computeIfAbsent(host, k -> new ArrayList<>()).add(vm);
            }
        }
        if (group.rule() == GroupRule.AFFINITY && vmsByHost.size() > 1) {
            return Optional.of(new Violation("affinity", group.name(),
                    "group " + group.name() + " is split over hosts " + new TreeSet<>(vmsByHost.keySet())));
        }
        if (group.rule() == GroupRule.ANTI_AFFINITY) {
            Set<String> shared = new LinkedHashSet<>();
            vmsByHost.forEach((host, vms) -> {
                if (vms.size() > 1) {
                    shared.add(host + " holds " + vms);
                }
            });
            if (!shared.isEmpty()) {
                return Optional.of(new Violation("anti-affinity", group.name(),
                        "group " + group.name() + " shares hosts: " + String.join(", ", shared)));
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkMigrationCap(ClusterSnapshot snapshot, Policy policy,
            Placement placement) {
        if (policy.maxMigrations() == null) {
            return Optional.empty();
        }
        long moves = snapshot.vms().stream()
                .filter(vm -> vm.host() != null && !vm.host().equals(placement.hostOf(vm.name())))
                .count();
        if (moves <= policy.maxMigrations()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("max-migrations", policy.name(), "the placement needs " + moves
                + " migrations, over the policy's maxMigrations of " + policy.maxMigrations()));
    }
}
